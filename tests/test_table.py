"""Invariants of the sentence table, on the seed and on short texts."""

import pandas as pd
import pytest

from analysis import InputWarning, tabulate
from analysis.coding.sourcetypes import SOURCE_TYPES
from conftest import MANIFEST, SEED, write


def test_offsets_reproduce_each_sentence(seed_table, seed_text):
    for row in seed_table.itertuples():
        assert " ".join(seed_text[row.start : row.end].split()) == row.text


def test_every_non_space_character_lies_in_exactly_one_row(seed_table, seed_text):
    owners = [0] * len(seed_text)
    for row in seed_table.itertuples():
        for index in range(row.start, row.end):
            owners[index] += 1
    for index, char in enumerate(seed_text):
        if not char.isspace():
            assert owners[index] == 1, (index, seed_text[index - 20 : index + 20])


def test_seed_yields_its_three_stories_in_order(seed_table):
    assert list(seed_table["story_id"].unique()) == ["gt-pacific-islands", "gt-us-youth-shanghai", "gt-openai-api-china"]
    assert seed_table.groupby("story_id", sort=False).size().tolist() == [23, 24, 78]


def test_seed_subheads_are_headings(seed_table):
    assert seed_table.loc[seed_table["is_heading"], "text"].tolist() == [
        "The other boot drops",
        "The true gap",
        "Catch up and cooperate",
    ]
    assert seed_table.loc[seed_table["is_heading"], "source_type"].isna().all()


def test_no_sentence_is_split_inside_us_or_merged_across_a_quotation(seed_table):
    assert not seed_table["text"].str.endswith(" U.").any()
    assert not seed_table["text"].str.startswith("S.").any()
    quote = seed_table[seed_table["text"].str.startswith("“I think we really did a great job.")]
    assert quote["text"].tolist() == ["“I think we really did a great job."]


def test_columns_and_dtypes(seed_table):
    assert list(seed_table.columns[:12]) == [
        "doc", "story_id", "title", "outlet", "date", "paragraph", "sentence_id",
        "position", "start", "end", "text", "is_heading",
    ]
    assert isinstance(seed_table["source_type"].dtype, pd.CategoricalDtype)
    assert list(seed_table["source_type"].cat.categories) == list(SOURCE_TYPES)
    assert list(seed_table["quote"].cat.categories) == ["direct", "indirect", "none"]
    assert seed_table["polarity"].between(-1, 1).all()
    assert seed_table["subjectivity"].between(0, 1).all()


def test_sentence_ids_number_each_story_from_one(seed_table):
    for _, story in seed_table.groupby("story_id"):
        assert story["sentence_id"].tolist() == list(range(1, len(story) + 1))
        assert story["position"].iloc[0] == 0.0 and story["position"].iloc[-1] == 1.0


def test_a_text_file_without_manifest_is_one_story_named_by_its_stem(tmp_path):
    path = write(tmp_path, "harbour_report.txt", "The port reopened on Monday. Trade resumed, officials said.\n")
    table = tabulate(path)
    assert table["story_id"].unique().tolist() == ["harbour_report"]
    assert table["text"].tolist() == ["The port reopened on Monday.", "Trade resumed, officials said."]
    assert table["source_type"].tolist() == ["narrator", "official"]


def test_csv_and_jsonl_tables_of_articles(tmp_path):
    csv_path = write(
        tmp_path,
        "articles.csv",
        'id,title,outlet,date,text\na1,Port,Daily,2024-01-02,"The port reopened. It was busy."\n'
        'a2,Rain,Daily,2024-01-03,Rain fell all day.\n',
    )
    jsonl_path = write(
        tmp_path,
        "articles.jsonl",
        '{"id": "b1", "title": "Snow", "outlet": "Weekly", "date": "2024-02-01", "text": "Snow fell. Schools shut."}\n',
    )
    table = tabulate([csv_path, jsonl_path])
    assert table["story_id"].tolist() == ["a1", "a1", "a2", "b1", "b1"]
    assert table["outlet"].tolist() == ["Daily", "Daily", "Daily", "Weekly", "Weekly"]
    assert table.loc[table["story_id"] == "b1", "text"].tolist() == ["Snow fell.", "Schools shut."]


def test_manifest_splits_the_seed_file(seed_table):
    firsts = seed_table.groupby("story_id", sort=False)["text"].first().tolist()
    assert firsts[1].startswith("The US youth exchange delegation started")
    assert firsts[2].startswith("US tech firm OpenAI has restricted access")
    assert MANIFEST.exists() and SEED.exists()


def test_a_folder_of_text_files_takes_outlet_date_and_title_from_file_names_and_first_lines(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "daily-star_2016-04-23_port-reopens.txt").write_text("Port reopens after storm\n\nThe port reopened on Monday. It was busy.\n")
    (folder / "weekly_2016-05-02_snow.txt").write_text("Snow fell across the north. Schools shut.\n")
    table = tabulate(folder)
    stories = table.drop_duplicates("story_id").set_index("story_id")
    assert stories.loc["daily-star_2016-04-23_port-reopens", ["outlet", "title"]].tolist() == ["daily star", "Port reopens after storm"]
    assert stories.loc["weekly_2016-05-02_snow", "outlet"] == "weekly" and pd.isna(stories.loc["weekly_2016-05-02_snow", "title"])
    assert str(table["date"].dtype) == "datetime64[ns]"
    assert table.drop_duplicates("story_id")["date"].dt.strftime("%Y-%m-%d").tolist() == ["2016-04-23", "2016-05-02"]


def test_a_metadata_sidecar_names_outlet_date_and_title_and_a_bad_date_is_reported(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("The port reopened. It was busy.\n")
    (folder / "b.txt").write_text("Snow fell. Schools shut.\n")
    (folder / "metadata.csv").write_text("file,outlet,date,title\na.txt,Harbour Gazette,2024-01-02,Port reopens\nb.txt,Snow Weekly,next Tuesday,Snow\n")
    with pytest.warns(InputWarning, match="'next Tuesday' is not a date"):
        table = tabulate(folder)
    stories = table.drop_duplicates("story_id")
    assert stories["outlet"].tolist() == ["Harbour Gazette", "Snow Weekly"]
    assert stories["title"].tolist() == ["Port reopens", "Snow"]
    assert stories["date"].dt.strftime("%Y-%m-%d").fillna("").tolist() == ["2024-01-02", ""]
