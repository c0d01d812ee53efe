"""Manifests: which stories a file holds."""

import pytest

from analysis.corpus.read import Document, InputError
from analysis.corpus.stories import read_manifest, split_stories
from conftest import write

TEXT = "First story line one.\nFirst story line two.\nSecond story.\nThird story, first line.\nThird, second.\n"


def manifest(tmp_path, rows: str):
    write(tmp_path, "news.txt", TEXT)
    return write(tmp_path, "stories.csv", "story_id,title,outlet,date,file,start_line\n" + rows)


def test_stories_start_on_their_lines_and_run_to_the_next(tmp_path):
    path = manifest(tmp_path, "a,A,Paper,2024-01-01,news.txt,1\nb,B,Paper,2024-01-02,news.txt,3\nc,C,Paper,2024-01-03,news.txt,4\n")
    document = Document("news", TEXT, tmp_path / "news.txt")
    stories = split_stories(document, read_manifest(path))
    assert [(s.story_id, TEXT[s.start : s.end]) for s in stories] == [
        ("a", "First story line one.\nFirst story line two.\n"),
        ("b", "Second story.\n"),
        ("c", "Third story, first line.\nThird, second.\n"),
    ]
    assert stories[1].date == "2024-01-02" and stories[1].outlet == "Paper"


def test_text_before_the_first_story_is_kept_as_front_matter(tmp_path):
    path = manifest(tmp_path, "b,B,Paper,2024-01-02,news.txt,3\n")
    stories = split_stories(Document("news", TEXT, tmp_path / "news.txt"), read_manifest(path))
    assert [s.story_id for s in stories] == ["news-front-matter", "b"]


def test_yaml_manifest(tmp_path):
    write(tmp_path, "news.txt", TEXT)
    path = write(
        tmp_path,
        "stories.yaml",
        "- {story_id: a, title: A, outlet: Paper, date: 2024-01-01, file: news.txt, start_line: 1}\n"
        "- {story_id: b, title: B, outlet: Paper, date: 2024-01-02, file: news.txt, start_line: 3}\n",
    )
    stories = split_stories(Document("news", TEXT, tmp_path / "news.txt"), read_manifest(path))
    assert [s.story_id for s in stories] == ["a", "b"]


@pytest.mark.parametrize(
    "rows, message",
    [
        ("a,A,P,2024,missing.txt,1\n", "line 2: the file 'missing.txt' does not exist"),
        ("a,A,P,2024,news.txt,1\na,B,P,2024,news.txt,3\n", "line 3: duplicate story_id 'a'"),
        ("a,A,P,2024,news.txt,3\nb,B,P,2024,news.txt,3\n", "overlaps story"),
        ("a,A,P,2024,news.txt,x\n", "line 2: start_line must be a line number, not 'x'"),
        ("a,A,P,2024,news.txt,1,extra\n", "line 2: more cells than columns"),
    ],
)
def test_bad_manifests_name_the_file_and_line(tmp_path, rows, message):
    path = manifest(tmp_path, rows)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_manifest(path)


def test_story_past_the_end_of_the_file(tmp_path):
    path = manifest(tmp_path, "a,A,P,2024,news.txt,1\nb,B,P,2024,news.txt,40\n")
    with pytest.raises(InputError, match="start_line 40 is past the end"):
        split_stories(Document("news", TEXT, tmp_path / "news.txt"), read_manifest(path))
