"""Every input is read the way its author meant: one story per file even when names
repeat, each file's dates in one order of day and month, a scraper's own column names,
repaired metadata, and no report on nothing."""

import os
import subprocess
import sys
import warnings

import pandas as pd
import pytest

from analysis import InputError, InputWarning, tabulate
from analysis.corpus.read import DateReader
from conftest import write as conftest_write

ARTICLE = "The harbour reopened on Monday, the port authority said.\n"


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    return conftest_write(folder, name, text)


def tabulate_warned(*args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = tabulate(*args, **kwargs)
    return table, [str(w.message) for w in caught if issubclass(w.category, InputWarning)]


def test_files_with_the_same_name_in_two_folders_are_two_stories(tmp_path):
    write(tmp_path / "corpus" / "business", "001.txt", ARTICLE)
    write(tmp_path / "corpus" / "tech", "001.txt", "A new phone went on sale, the maker said.\n")
    write(tmp_path / "corpus" / "tech", "002.txt", "Another story.\n")
    table, warned = tabulate_warned(tmp_path / "corpus")
    assert table.drop_duplicates("story_id")[["doc", "story_id"]].values.tolist() == [
        ["business/001", "business/001"], ["tech/001", "tech/001"], ["002", "002"]]
    assert any("share their name with another file" in message and "business/001" in message for message in warned)


def test_a_story_id_that_another_table_used_is_named_by_its_file(tmp_path):
    write(tmp_path, "a.csv", "id,text\n1,The mayor spoke on Monday.\n")
    write(tmp_path, "b.csv", "id,text\n1,The council met on Tuesday.\n")
    table, warned = tabulate_warned(tmp_path)
    assert table["story_id"].tolist() == ["1", "b/1"]
    assert any("already used by another file" in message for message in warned)


def test_a_file_of_day_first_dates_is_read_day_first(tmp_path):
    write(tmp_path, "metadata.csv", "file,outlet,date,title\na.txt,Bugle,05/11/2004,A\nb.txt,Bugle,13/11/2004,B\nc.txt,Bugle,2004-11-20,C\n")
    for name in "abc":
        write(tmp_path, f"{name}.txt", ARTICLE)
    table, warned = tabulate_warned(tmp_path)
    dates = table.drop_duplicates("story_id").set_index("story_id")["date"].dt.strftime("%Y-%m-%d").to_dict()
    assert dates == {"a": "2004-11-05", "b": "2004-11-13", "c": "2004-11-20"}
    assert not [message for message in warned if "date" in message]


def test_a_file_that_mixes_both_orders_is_reported_with_examples_and_never_read_two_ways(tmp_path):
    path = write(tmp_path, "articles.csv", "id,date,text\na,13/11/2004,One.\nb,11/14/2004,Two.\nc,05/11/2004,Three.\nd,2004-11-20,Four.\n")
    table, warned = tabulate_warned(path)
    dates = table.drop_duplicates("story_id").set_index("story_id")["date"]
    assert dates[["a", "b", "c"]].isna().all() and dates["d"] == pd.Timestamp("2004-11-20")
    problem = [message for message in warned if "mix day-first" in message]
    assert len(problem) == 1 and "13/11/2004" in problem[0] and "11/14/2004" in problem[0] and "--dayfirst" in problem[0]
    table, warned = tabulate_warned(path, dayfirst=True)
    dates = table.drop_duplicates("story_id").set_index("story_id")["date"]
    assert dates["a"] == pd.Timestamp("2004-11-13") and dates["c"] == pd.Timestamp("2004-11-05") and pd.isna(dates["b"])
    assert any("'11/14/2004' is not a date read day-first" in message for message in warned)


def test_a_file_whose_dates_could_be_read_either_way_says_so():
    dates = DateReader("x.csv", ["05/11/2004", "03/04/2005"])
    assert dates.problem.startswith("x.csv: dates such as 05/11/2004, 03/04/2005 could be day-first or month-first")
    assert dates.read("05/11/2004") == ("", None)
    assert DateReader("x.csv", ["05/11/2004"], dayfirst=False).read("05/11/2004") == ("2004-05-11", None)
    assert DateReader("x.csv", ["11/13/2004", "05/11/04"]).read("05/11/04") == ("2004-05-11", None)
    assert DateReader("x.csv", []).read("Nov 5, 2004") == ("Nov 5, 2004", None)


def test_a_manifest_and_the_command_line_take_the_order_of_dates(tmp_path):
    write(tmp_path, "a.txt", "One.\nTwo.\n")
    manifest = write(tmp_path, "stories.csv", "story_id,title,outlet,date,file,start_line\ns1,A,X,05/11/2004,a.txt,1\ns2,B,X,06/11/2004,a.txt,2\n")
    out = tmp_path / "t.csv"
    result = subprocess.run([sys.executable, "-m", "analysis", "tabulate", str(tmp_path / "a.txt"), "--stories", str(manifest),
                             "--out", str(out), "--quiet", "--dayfirst"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert pd.read_csv(out)["date"].tolist() == ["2004-11-05", "2004-11-06"]


def test_a_scraper_table_with_capitalised_columns(tmp_path):
    path = write(tmp_path, "scraped.csv", "Title,Text,Published,Link\nHarbour opens,The harbour opened.,2021-05-03,https://x.org/1\n")
    table, warned = tabulate_warned(path)
    assert table[["doc", "title", "text"]].values.tolist() == [["https://x.org/1", "Harbour opens", "The harbour opened."]]
    assert table["date"].tolist() == [pd.Timestamp("2021-05-03")]
    assert f"{path}: columns read: 'Link' as id; 'Title' as title; 'Published' as date; 'Text' as text" in warned


def test_a_table_with_headline_content_and_no_id_is_numbered_by_row(tmp_path):
    path = write(tmp_path, "news.jsonl", '{"headline": "Harbour opens", "content": "The harbour opened.", "published": "2021-05-03"}\n'
                                          '{"headline": "Bridge shut", "content": "The bridge shut.", "published": "2021-05-04"}\n')
    table, warned = tabulate_warned(path)
    assert table[["story_id", "title", "text"]].values.tolist() == [["1", "Harbour opens", "The harbour opened."], ["2", "Bridge shut", "The bridge shut."]]
    assert any("'headline' as title" in message and "'content' as text" in message and "numbered by row" in message for message in warned)


def test_a_table_without_a_text_column_says_which_columns_it_has(tmp_path):
    path = write(tmp_path, "bad.csv", "id,headline,summary\n1,A,B\n")
    with pytest.raises(InputError, match=r"needs a text column \(also read as text: content, body, article\); the columns found are: id, headline, summary"):
        tabulate(path, keep_going=False)


def test_titles_from_sidecars_and_tables_get_their_mojibake_repaired(tmp_path):
    write(tmp_path, "metadata.csv", "file,outlet,date,title\na.txt,Bugle,2021-05-03,NATOâ€™s summit ends\n")
    write(tmp_path, "a.txt", ARTICLE)
    table, warned = tabulate_warned(tmp_path)
    assert table["title"].iloc[0] == "NATO’s summit ends"
    assert any("mojibake repaired" in message and "NATO’s summit ends" in message for message in warned)
    path = write(tmp_path / "t", "articles.csv", "id,title,outlet,text\n1,Chinaâ€™s plan,Bugleâ€™s,The plan was set out.\n")
    table, warned = tabulate_warned(path)
    assert table[["title", "outlet"]].values.tolist() == [["China’s plan", "Bugle’s"]]
    assert any("mojibake repaired in the title" in message for message in warned)


def test_report_stops_before_any_notebook_when_no_story_is_left(tmp_path):
    folder = tmp_path / "refused"
    write(folder, "empty.txt", "")
    (folder / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    environment = {**os.environ, "ANALYSIS_RUNS_DIR": str(tmp_path / "runs")}
    result = subprocess.run([sys.executable, "-m", "analysis", "report", str(folder), "--name", "refused"],
                            capture_output=True, text=True, env=environment)
    assert result.returncode != 0
    assert "executing" not in result.stderr and not (tmp_path / "runs" / "refused" / "reports").exists()
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and "no story left to analyse (2 file(s) or article(s) left out" in last
