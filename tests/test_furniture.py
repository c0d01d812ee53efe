"""Page furniture (menus, link lists, editor and copyright lines, footers) is kept in the
table but set apart as is_boilerplate and left out of every count; each kind is found on
pages written for the test."""

import subprocess
import sys
import warnings

import pandas as pd
import pytest

from analysis import tabulate, tabulate_text
from analysis.report import summarise
from analysis.corpus.furniture import RepeatedSegments, describe, page_spans, summary
from analysis.corpus.read import InputWarning
from analysis.measures.stance import stance_table
from conftest import write

MENU = "Home News World Business Sport Culture Science Travel Opinion Video Photos Weather Search English >>"
FOOTER = "Links: Bugle App Bugle Radio Bugle TV Partner Papers | About Us | Join Us | Contact Us © Daily Bugle Online"
MOST_READ = ("Most Read 1 Harbour fees to rise next spring 2 Xi Jinping greets visiting mayors 3 New ferry route opens "
             "Hot News Lighthouse keeper retires after forty years Fishing fleet lands record catch Night market returns to the old town")
BODIES = [
    ("Harbour reopens after storm", "The harbour reopened on Monday after a week of repairs. \"We are open for business again,\" he said. "
     "Ships queued outside the breakwater from dawn."),
    ("Council passes budget", "The council passed its budget on Tuesday by nine votes to four. Councillor Ana Ruiz said the vote was close. "
     "Spending on roads rises by a tenth."),
    ("Schools close early", "Schools across the county closed two days early for the summer. Parents were told by letter last week. "
     "The education office said the buildings need repairs."),
    ("Museum opens new wing", "The city museum opened a new wing for maritime history on Wednesday. Curator Tom Baker said the wing cost "
     "four million euros. Entry is free for children."),
    ("Bridge repairs delayed", "Repairs to the old bridge will take three more months, engineers said. The bridge has been closed since March. "
     "Drivers face a detour of twenty minutes."),
    ("Ferry fares frozen", "Ferry fares will stay the same next year, the operator said on Friday. Fuel costs fell in the autumn. "
     "The operator carried two million passengers last year."),
]


def glued_page(title: str, body: str, number: int) -> str:
    """A news page scraped onto one line: title, menu, headline and credit, the body, the
    editor line, a "Most Read" list shared by every page, its own related links, footer."""
    related = " ".join(f"Related story number {number}{k} about the port" for k in range(6))
    return (
        f"{title} - Daily Bugle Online {MENU} {title} 10:1{number}, May {number + 3}, 2021 {body} "
        f"(Web editor: Ann Lee, Bo Chen) Add your comment {MOST_READ} Related reading {related} {FOOTER}\n"
    )


@pytest.fixture(scope="module")
def glued_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bugle")
    for number, (title, body) in enumerate(BODIES):
        (folder / f"page{number}.txt").write_text(glued_page(title, body, number), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def glued_table(glued_corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        return tabulate(glued_corpus)


def content(table: pd.DataFrame, story: str) -> list[str]:
    return table.loc[(table["story_id"] == story) & ~table["is_boilerplate"], "text"].tolist()


def test_the_column_comes_right_after_is_heading(glued_table):
    columns = list(glued_table.columns)
    assert columns[columns.index("is_heading") + 1] == "is_boilerplate"
    assert glued_table["is_boilerplate"].dtype == bool


def test_repeated_segments_and_lists_between_furniture_are_set_apart_and_cut_from_the_headline(glued_table):
    assert content(glued_table, "page0") == [
        "Harbour reopens after storm",
        "Harbour reopens after storm 10:10, May 3, 2021 The harbour reopened on Monday after a week of repairs.",
        "\"We are open for business again,\" he said.",
        "Ships queued outside the breakwater from dawn.",
    ]
    furniture = glued_table.loc[(glued_table["story_id"] == "page0") & glued_table["is_boilerplate"], "text"].tolist()
    assert furniture[0].startswith("- Daily Bugle Online Home News") and furniture[0].endswith("English >>")
    assert furniture[1].startswith("(Web editor: Ann Lee, Bo Chen) Add your comment Most Read")
    assert furniture[-1].endswith("© Daily Bugle Online")
    assert "Related story number 00 about the port" in " ".join(furniture)


def test_every_character_is_in_exactly_one_row_and_offsets_reproduce_it(glued_table, glued_corpus):
    for story, rows in glued_table.groupby("story_id"):
        text = (glued_corpus / f"{story}.txt").read_text(encoding="utf-8")
        covered = [0] * len(text)
        for start, end, piece in zip(rows["start"], rows["end"], rows["text"]):
            assert " ".join(text[start:end].split()) == piece
            for index in range(start, end):
                covered[index] += 1
        assert all(count == 1 for char, count in zip(text, covered) if not char.isspace())


def test_furniture_rows_have_no_speaker_type_cue_frames_targets_or_position(glued_table):
    furniture = glued_table[glued_table["is_boilerplate"]]
    assert furniture["speaker"].isna().all() and furniture["source_type"].isna().all() and furniture["cue"].isna().all()
    assert (furniture["frames"] == "").all() and (furniture["targets"] == "").all() and furniture["contrast"].isna().all()
    assert (furniture["rule"] == "boilerplate").all() and furniture["position"].isna().all() and not furniture["is_heading"].any()
    article = glued_table[~glued_table["is_boilerplate"] & (glued_table["story_id"] == "page0")]
    assert article["position"].tolist() == [0.0, 1 / 3, 2 / 3, 1.0]


def test_furniture_is_no_speaker_antecedent(glued_table):
    # "Xi Jinping" is named only in the Most Read list, before the body's "he said".
    spoken = glued_table[glued_table["text"] == "\"We are open for business again,\" he said."]
    assert spoken["speaker"].tolist() == ["he"]
    assert "Xi Jinping" not in glued_table["speaker"].dropna().tolist()


def test_every_count_chart_target_and_stance_leaves_furniture_out(glued_table):
    coded = summarise.coded_sentences(glued_table)
    assert not coded["is_boilerplate"].any() and not coded["is_heading"].any()
    assert summarise.source_type_summary(glued_table)["sentences"].sum() == len(coded)
    assert set(stance_table(glued_table)["sentence_id"]) <= set(coded["sentence_id"])


def test_engines_agree_with_furniture_detection_on(glued_corpus, glued_table):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        two = tabulate(glued_corpus, jobs=2)
    pd.testing.assert_frame_equal(two, glued_table)
    assert glued_table["is_boilerplate"].any()
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client, warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            pd.testing.assert_frame_equal(tabulate(glued_corpus, client=client), glued_table)


def test_how_much_was_set_apart_is_reported_per_outlet(glued_table, glued_corpus, tmp_path):
    report = pd.DataFrame(glued_table.attrs["furniture"])
    assert report[["outlet", "stories", "stories_with_furniture"]].values.tolist() == [["(no outlet)", 6, 6]]
    assert report["furniture_rows"].item() == int(glued_table["is_boilerplate"].sum())
    assert describe(summary(glued_table))[0].startswith(f"(no outlet): {int(glued_table['is_boilerplate'].sum())} of {len(glued_table)} rows")
    result = subprocess.run([sys.executable, "-m", "analysis", "tabulate", str(glued_corpus), "--out", str(tmp_path / "t.csv"), "--quiet"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "set apart as page furniture" in result.stderr and "in 6 of 6 stories" in result.stderr


def test_one_page_alone_gets_the_page_rules():
    text = glued_page(*BODIES[1], 1)
    table = tabulate_text(text)
    furniture = table.loc[table["is_boilerplate"], "text"].tolist()
    assert any(piece.startswith("(Web editor: Ann Lee, Bo Chen) Add your comment Most Read") for piece in furniture)
    assert any("Home News World Business Sport" in piece for piece in furniture)
    assert "Councillor Ana Ruiz said the vote was close." in table.loc[~table["is_boilerplate"], "text"].tolist()


LINED_PAGE = """Harbour reopens after storm

The harbour reopened on Monday after a week of repairs, the port authority said. Workers cleared the last of the debris overnight.

"We are open for business," said Ana Ruiz, the harbour master.

Latest stories
Council approves new budget
Schools close early for summer
Bridge repairs delayed again
Museum opens new wing

Share this article
Copyright © 2021 Daily Bugle. All rights reserved.
"""


def test_runs_of_title_like_lines_and_furniture_lines_on_a_page_with_lines():
    table = tabulate_text(LINED_PAGE)
    assert table[["text", "is_heading", "is_boilerplate"]].values.tolist() == [
        ["Harbour reopens after storm", True, False],
        ["The harbour reopened on Monday after a week of repairs, the port authority said.", False, False],
        ["Workers cleared the last of the debris overnight.", False, False],
        ["\"We are open for business,\" said Ana Ruiz, the harbour master.", False, False],
        ["Latest stories", False, True],
        ["Council approves new budget", False, True],
        ["Schools close early for summer", False, True],
        ["Bridge repairs delayed again", False, True],
        ["Museum opens new wing", False, True],
        ["Share this article", False, True],
        ["Copyright © 2021 Daily Bugle.", False, True],
        ["All rights reserved.", False, True],
    ]


def test_furniture_phrases_inside_running_text_mark_what_their_extent_says():
    body = " ".join(["The port handled more cargo than ever this year, its director said on Monday."] * 14)
    text = f"{body} (Editor: Wei Lin) Please enable JavaScript to view the comments. {body}\n"
    spans = page_spans(text)
    assert [text[a:b] for a, b in spans] == ["(Editor: Wei Lin) Please enable JavaScript to view the comments."]


def test_lines_repeated_across_an_outlets_stories_are_furniture_but_a_shared_sentence_inside_a_paragraph_is_not():
    repeated = RepeatedSegments(least=3)
    stories = [
        f"Story {n} headline\n\nSign up to the Bugle morning briefing\n\nParagraph {n} says the firm did not respond to a request for comment, as usual, in story {n}.\n"
        for n in range(4)
    ]
    for story in stories:
        repeated.add("bugle", story, 0, len(story))
    found = [[story[a:b] for a, b in repeated.spans("bugle", story, 0, len(story))] for story in stories]
    assert found == [["Sign up to the Bugle morning briefing"]] * 4
    assert repeated.spans("other", stories[0], 0, len(stories[0])) == []


HTML_PAGE = """<!DOCTYPE html><html><head><title>Harbour reopens after storm | Daily Bugle</title>
<meta name="description" content="Ships queued from dawn as the port opened again."></head>
<body><div class="top"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></div>
<div class="cookie">We use cookies to improve your experience. Accept all cookies to continue browsing the site.</div>
<article><h1>Harbour reopens after storm</h1>
<p class="dek">Ships queued from dawn as the port opened again.</p>
<p>The harbour reopened on Monday after a week of repairs, the port authority said, and the first ships were queuing outside the breakwater before dawn to be let in.</p>
<p>Workers cleared the last of the debris overnight, using two cranes brought in from the naval yard along the coast, and divers checked the quay walls for damage.</p>
<p>"We are open for business again and the fishing fleet can land its catch here from today," said Ana Ruiz, the harbour master, at a news conference on the quay.</p>
<p>The storm last week tore the roofs off two warehouses and sank a dozen small boats, and insurers expect claims of several million euros from owners.</p>
<p>Repairs to the outer wall will go on until the autumn, the authority said, and larger ships will be piloted in at high tide until the work is finished.</p>
</article>
<div class="more"><h3>More from the Bugle</h3><ul><li><a href="/a">Council approves new budget for roads</a></li>
<li><a href="/b">Schools close early for the summer</a></li><li><a href="/c">Bridge repairs delayed again</a></li></ul></div>
<div class="bottom">Copyright 2021 Daily Bugle Media. All rights reserved. <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></div>
</body></html>
"""


def test_html_pages_are_judged_by_the_extractor_and_keep_their_whole_text(tmp_path):
    pytest.importorskip("trafilatura")
    path = write(tmp_path, "harbour.html", HTML_PAGE)
    table = tabulate(path)
    kept = table.loc[~table["is_boilerplate"], "text"].tolist()
    assert kept[:2] == ["Harbour reopens after storm", "Ships queued from dawn as the port opened again."]
    assert "\"We are open for business again and the fishing fleet can land its catch here from today,\" said Ana Ruiz, the harbour master, at a news conference on the quay." in kept
    assert len(kept) == 7
    furniture = " ".join(table.loc[table["is_boilerplate"], "text"])
    for piece in ("Home News Sport Weather", "We use cookies", "Council approves new budget for roads", "All rights reserved."):
        assert piece in furniture


def test_an_html_page_the_extractor_cannot_read_falls_back_to_the_reader(tmp_path, monkeypatch):
    trafilatura = pytest.importorskip("trafilatura")

    def fails(*args, **kwargs):
        raise RuntimeError("no extraction")

    monkeypatch.setattr(trafilatura, "bare_extraction", fails)
    table = tabulate(write(tmp_path, "harbour.html", HTML_PAGE))
    # The page's own rules still find the link list (a run of title-like lines) and the
    # copyright line; the menu and the cookie notice stay, as the reader gave them.
    assert table.loc[~table["is_boilerplate"], "text"].str[:30].tolist() == [
        "Home News Sport Weather", "We use cookies to improve your", "Accept all cookies to continue", "Harbour reopens after storm",
        "Ships queued from dawn as the ", "The harbour reopened on Monday", "Workers cleared the last of th", "\"We are open for business agai",
        "The storm last week tore the r", "Repairs to the outer wall will",
    ]
    assert table.loc[table["is_boilerplate"], "text"].tolist() == [
        "More from the Bugle", "Council approves new budget for roads", "Schools close early for the summer",
        "Bridge repairs delayed again", "Copyright 2021 Daily Bugle Media.", "All rights reserved.", "Privacy Terms",
    ]


def test_counting_in_steps_forgets_lines_seen_once_and_keeps_the_template():
    exact, stepped = RepeatedSegments(least=3), RepeatedSegments(least=3, step=2)
    stories = [f"Only in story {n}\nSign up to the Bugle morning briefing\nAlso only in {n}\n" for n in range(7)]
    for story in stories:
        exact.add("bugle", story, 0, len(story))
        stepped.add("bugle", story, 0, len(story))
    for counter in (exact, stepped):
        assert [[story[a:b] for a, b in counter.spans("bugle", story, 0, len(story))] for story in stories] == [
            ["Sign up to the Bugle morning briefing"]] * 7
    assert (len(exact._groups["bugle"].keys), len(stepped._groups["bugle"].keys)) == (15, 3)


def test_a_sign_inside_a_word_is_no_furniture_phrase():
    for mojibake in ("protegÃ©s", "protegA\u0303©s"):
        text = f"He also told one of his young {mojibake} on a regular basis that \"terrorism is the answer.\" " * 12 + "\n"
        assert page_spans(text) == []
    footer = "A long day. " * 30 + "© 2021 Daily Bugle\n"
    assert [footer[a:b] for a, b in page_spans(footer)] == ["© 2021 Daily Bugle"]
