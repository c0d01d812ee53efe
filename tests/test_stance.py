"""Stance toward each target mention: opposite stances in one sentence, offsets that give
the mention back, a model that loads without scikit-learn, a table that joins."""

import subprocess
import sys

import pytest

from analysis import tabulate
from analysis.measures.frames import load_vocabulary
from analysis.measures.stance import STANCE_COLUMNS, load_model, stance_table
from conftest import write

OPPOSITE = [
    "Critics accused China of bullying its neighbours, while the United States praised the deal.",
    "Microsoft won praise for its open approach, but OpenAI was condemned for restricting access.",
    "Australia welcomed the generous offer, whereas China rejected the plan as a dangerous provocation.",
    '"China has been a reliable and generous partner," the minister said. "The United States has betrayed us."',
]


@pytest.mark.parametrize("sentence", OPPOSITE)
def test_two_targets_of_opposite_stance_in_separate_clauses_get_opposite_signs(sentence):
    model, vocabulary = load_model(), load_vocabulary()
    mentions = vocabulary.target_mentions(sentence)
    assert len(mentions) == 2
    scores = [model.score(sentence, start, end, tuple((a, b) for _, a, b in mentions if (a, b) != (start, end)))[0] for _, start, end in mentions]
    assert scores[0] * scores[1] < 0


def test_the_stance_table_gives_each_mention_back_and_joins_the_sentence_table(tmp_path):
    story = write(tmp_path, "story.txt", "Ports reopen\n\n" + " ".join(OPPOSITE) + " The US and China met on Monday.\n")
    table = tabulate(story)
    mentions = stance_table(table)
    assert list(mentions.columns) == list(STANCE_COLUMNS)
    assert len(mentions) == 10
    texts = table.set_index(["story_id", "sentence_id"])["text"]
    for row in mentions.itertuples():
        assert texts[(row.story_id, row.sentence_id)][row.start : row.end] == row.mention
    joined = mentions.merge(table, on=["story_id", "sentence_id"], how="left", validate="many_to_one", suffixes=("", "_sentence"))
    assert joined["text"].notna().all()
    assert set(mentions["stance_label"]) <= {"negative", "neutral", "positive"} and mentions["stance"].between(-1, 1).all()
    first = mentions[mentions["sentence_id"] == mentions["sentence_id"].min()].set_index("target")["stance"]
    assert first["China"] < 0 < first["United States"]


def test_the_model_file_loads_and_scores_without_scikit_learn():
    # scikit-learn made unimportable, as on a machine without the training extra
    code = (
        "import sys\nsys.modules['sklearn'] = None\nfrom analysis.measures.stance import load_model\n"
        "model = load_model()\nprint(model.score('The minister praised China for its help.', 30, 35))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    score, label = eval(result.stdout)
    assert score > 0 and label == 1


def test_proposed_targets_merge_aliases_and_rank_by_sentences():
    from analysis.measures.frames import propose_targets

    texts = [
        "China and the United States met in Beijing.",
        "Chinese officials praised the talks.",
        "Washington said the US would reply, and Kestrel Holdings Group agreed.",
        "Kestrel Holdings Group said its profits rose.",
    ]
    rows = propose_targets(texts, top=3)
    assert rows[0][0] == "China"
    assert {alias for target, alias, _ in rows if target == "China"} == {"China", "Beijing", "Chinese"}
    assert {alias for target, alias, _ in rows if target == "United States"} == {"United States", "US", "Washington"}
    assert {(target, count) for target, _, count in rows} == {("China", 2), ("United States", 2), ("Kestrel Holdings Group", 2)}
