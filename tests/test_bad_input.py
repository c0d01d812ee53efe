"""Bad input gets a clear message and loses no text."""

import socket
import subprocess
import sys
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import InputError, InputWarning, read_table, tabulate
from analysis.corpus.read import read_documents
from analysis.coding.sentences import split_story
from conftest import MANIFEST, SEED, write

CAFE = "The café opened. “It’s good,” said the owner, a resident of Lyon.\n"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True)


def read_one(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        documents = list(read_documents(path))
    return documents, [str(w.message) for w in caught if issubclass(w.category, InputWarning)]


@pytest.mark.parametrize(
    "encoding, bom, warned",
    [
        ("utf-8", b"", None),
        ("utf-8", b"\xef\xbb\xbf", None),
        ("utf-16", b"", "decoded as UTF-16 (it starts with a byte-order mark)"),
        ("utf-16-le", b"", "not UTF-8: decoded as UTF-16-LE"),
        ("cp1252", b"", "not UTF-8: decoded as cp1252"),
        ("latin-1", b"", "not UTF-8: decoded as latin-1"),
    ],
)
def test_encodings_are_decoded_and_guesses_named(tmp_path, encoding, bom, warned):
    text = CAFE if encoding != "latin-1" else CAFE.replace("“", '"').replace("”", '"').replace("’", "'")
    path = tmp_path / "article.txt"
    path.write_bytes(bom + text.encode(encoding))
    (document,), notes = read_one(path)
    assert document.text == text
    if warned is None:
        assert notes == []
    else:
        assert len(notes) == 1 and warned in notes[0]


def test_undecodable_bytes_get_a_clear_error(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("China’s trade grew.".encode("utf-8") + b" \xff\xfe broken")
    with pytest.raises(InputError, match=r"mixed.txt: byte 0xff at offset 22 is not valid UTF-8, although the file has UTF-8 text"):
        list(read_documents(path))


def test_mojibake_is_repaired_and_offsets_point_into_the_text_as_read(tmp_path):
    raw = "Chinaâ€™s exports grew. â€œWe are pleased,â€\x9d the minister said.\n"
    path = write(tmp_path, "scraped.txt", raw)
    with pytest.warns(InputWarning, match="mojibake repaired in 3 words"):
        table = tabulate(path)
    assert table["text"].tolist() == ["China’s exports grew.", "“We are pleased,” the minister said."]
    assert [raw[row.start : row.end] for row in table.itertuples()] == [
        "Chinaâ€™s exports grew.",
        "â€œWe are pleased,â€\x9d the minister said.",
    ]
    assert table["source_type"].tolist() == ["narrator", "official"]
    assert table["quote"].tolist() == ["none", "direct"]


@pytest.mark.parametrize("content, reason", [("", "empty"), ("  \n\t\n", "only white space")])
def test_empty_files_are_left_out_with_a_reason(tmp_path, content, reason):
    path = write(tmp_path, "blank.txt", content)
    with pytest.raises(InputError, match=f"blank.txt: {reason}"):
        list(read_documents(path))


def test_binary_files_are_refused(tmp_path):
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    with pytest.raises(InputError, match="looks like a PDF document, not text"):
        list(read_documents(pdf))


def test_a_bad_file_in_a_folder_does_not_stop_the_others(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "a_good.txt", "The port reopened on Monday. Trade resumed, officials said.\n")
    write(folder, "b_empty.txt", "")
    (folder / "c_scan.pdf").write_bytes(b"%PDF-1.4 \x00\x00")
    (folder / "d_photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    write(folder, "e_good.txt", "Rain fell all day.\n")
    with pytest.warns(InputWarning):
        table = tabulate(folder)
    assert table["story_id"].unique().tolist() == ["a_good", "e_good"]
    assert len(table.attrs["skipped"]) == 3
    assert any("c_scan.pdf" in message and "PDF document" in message for message in table.attrs["skipped"])
    out = tmp_path / "out.csv"
    result = cli("tabulate", str(folder), "--out", str(out), "--quiet")
    assert result.returncode == 1
    assert "left out 3 file(s) or article(s):" in result.stderr
    assert "b_empty.txt: empty" in result.stderr and "Traceback" not in result.stderr
    assert read_table(out)["story_id"].unique().tolist() == ["a_good", "e_good"]
    stopped = cli("tabulate", str(folder), "--out", str(out), "--no-keep-going")
    assert stopped.returncode == 2
    assert stopped.stderr.strip().splitlines()[-1] == f"error: {folder / 'b_empty.txt'}: empty; nothing to tabulate"


def test_bad_rows_of_an_article_table_are_left_out(tmp_path):
    path = write(tmp_path, "articles.jsonl", '{"id": "a1", "text": "Rain fell."}\nnot json\n{"id": "a1", "text": "Again."}\n{"id": "a3"}\n')
    with pytest.warns(InputWarning):
        table = tabulate(path)
    assert table["story_id"].tolist() == ["a1"]
    assert [message.split(": ", 1)[1] for message in table.attrs["skipped"]] == [
        "not valid JSON (Expecting value)",
        "duplicate id 'a1' (first on line 1)",
        "the article 'a3' has no text",
    ]


def test_an_html_page_is_read_as_its_text(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>Port news</title><style>p {color: red}</style></head>"
        "<body><nav>Home | World</nav><h1>Port reopens</h1><p>The port reopened on Monday.</p>"
        "<p>&ldquo;We are back,&rdquo; the harbour master said.</p><script>var x = 1;</script></body></html>"
    )
    path = write(tmp_path, "port.html", page)
    with pytest.warns(InputWarning, match="HTML markup stripped"):
        table = tabulate(path)
    assert table["text"].tolist() == ["Port reopens", "The port reopened on Monday.", "“We are back,” the harbour master said."]
    assert table["is_heading"].tolist() == [True, False, False]
    assert table["title"].unique().tolist() == ["Port news"]


@pytest.mark.filterwarnings("ignore::analysis.corpus.read.InputWarning")
def test_a_very_long_line_without_punctuation(tmp_path):
    text = " ".join(f"word{i}" for i in range(20000)) + "\n"
    table = tabulate(write(tmp_path, "long.txt", text))
    assert len(table) == 1 and table["end"].iloc[0] - table["start"].iloc[0] == len(text) - 1


def test_unbalanced_quotation_marks(tmp_path):
    text = 'He said: "We will win. Nobody doubts it.\nThe vote is on Friday." Then he left. She said "no.\n'
    path = write(tmp_path, "quotes.txt", text)
    table = tabulate(path)
    assert "".join(text[row.start : row.end] for row in table.itertuples()).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert table["speaker"].tolist()[:2] == ["He", "He"]


def test_text_that_is_not_english_is_flagged(tmp_path):
    text = "Der Hafen wurde am Montag wieder geöffnet, und der Handel lief sofort an. " * 3
    with pytest.warns(InputWarning, match="does not look like English"):
        tabulate(write(tmp_path, "hafen.txt", text))


def test_glued_captions_become_heading_rows(tmp_path):
    text = "Foreign Minister Wang Yi Photo: Xinhua The talks began on Monday. Illustration: Liu Rui/GT\nThey ended well.\n"
    table = tabulate(write(tmp_path, "talks.txt", text))
    assert table[["text", "is_heading"]].values.tolist() == [
        ["Foreign Minister Wang Yi Photo: Xinhua", True],
        ["The talks began on Monday.", False],
        ["Illustration: Liu Rui/GT", True],
        ["They ended well.", False],
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["tabulate", "missing_folder", "--out", "x.csv"], "error: missing_folder: no such file or folder"),
        (["tabulate", str(SEED), "--out", "x.csv", "--jobs", "two"], "error: argument --jobs: invalid int value: 'two'"),
        (["tabulate", str(SEED), "--stories", "nope.csv", "--out", "x.csv"], "error: nope.csv: no such manifest file"),
        (["frobnicate"], "error: argument COMMAND: invalid choice: 'frobnicate'"),
    ],
)
def test_user_errors_are_one_line_without_a_traceback(tmp_path, args, message):
    result = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_bad_manifest_names_its_line(tmp_path):
    write(tmp_path, "news.txt", "One.\nTwo.\n")
    manifest = write(tmp_path, "m.csv", "story_id,title,outlet,date,file,start_line\na,A,P,2024,news.txt,1\nb,B,P,2024,news.txt,9\n")
    result = cli("tabulate", str(tmp_path / "news.txt"), "--stories", str(manifest), "--out", str(tmp_path / "x.csv"), "--no-keep-going")
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {manifest}, line 3: start_line 9 is past the end of {tmp_path / 'news.txt'} (2 lines)"


def test_unsafe_yaml_is_never_executed(tmp_path):
    flag = tmp_path / "pwned"
    write(tmp_path, "news.txt", "One.\n")
    manifest = write(tmp_path, "m.yaml", f"- !!python/object/apply:os.system ['touch {flag}']\n")
    with pytest.raises(InputError, match="m.yaml.*not valid YAML"):
        tabulate(tmp_path / "news.txt", stories=manifest)
    assert not flag.exists()


def test_nothing_reaches_the_network(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the pipeline tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    table = tabulate(SEED, stories=MANIFEST)
    assert len(table) == 125


def test_the_same_input_gives_byte_identical_output(tmp_path):
    outputs = []
    for name in ("first.csv", "second.csv"):
        assert cli("tabulate", str(SEED), "--stories", str(MANIFEST), "--out", str(tmp_path / name)).returncode == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


PIECES = st.sampled_from(
    ["The", "port", "U.S.", "Mr.", "said", ",", ".", "!", "?", '"', "“", "”", "'", "’", "\n", "\n\n", " ", "  ", "\t",
     "Photo:", "Xinhua", "(", ")", "—", "…", "3.5", "No.", "A", "é", "中国", "Dr", "p.m.", "Inc.", ":", ";"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map("".join) | st.text(max_size=200))
def test_every_non_space_character_lands_in_exactly_one_sentence(text):
    owners = [0] * len(text)
    for sentence in split_story(text):
        assert text[sentence.start : sentence.end] == text[sentence.start : sentence.end].strip()
        for index in range(sentence.start, sentence.end):
            owners[index] += 1
    for index, char in enumerate(text):
        assert owners[index] == (0 if char.isspace() else 1) or (char.isspace() and owners[index] <= 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, min_size=1, max_size=40).map("".join))
def test_the_table_covers_every_non_space_character_once(tmp_path, text):
    if not text.strip():
        return
    path = tmp_path / "generated.txt"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        table = tabulate(path)
    read_back = path.read_text(encoding="utf-8")
    covered = [0] * len(read_back)
    for row in table.itertuples():
        assert " ".join(read_back[row.start : row.end].split()) == row.text
        for index in range(row.start, row.end):
            covered[index] += 1
    assert all(covered[i] == 1 for i, char in enumerate(read_back) if not char.isspace())


@pytest.mark.parametrize("repeat", [1, 40])
def test_cp1252_with_curly_quotes_dashes_and_accents_decodes_as_cp1252_and_splits(tmp_path, repeat):
    story = ("The minister said the visit “was a success.” The delegation – led by José Núñez – left on Friday. ") * repeat
    path = tmp_path / "article.txt"
    path.write_bytes(story.encode("cp1252"))
    (document,), notes = read_one(path)
    assert document.text == story and notes == [f"{path}: not UTF-8: decoded as cp1252"]
    table = tabulate(path)
    assert table["text"].tolist()[:2] == ["The minister said the visit “was a success.”", "The delegation – led by José Núñez – left on Friday."]
