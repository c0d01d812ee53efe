"""A corpus knows its people: a speaker typed from evidence in one story lends its type
to the stories of the same run where it speaks without any.

Each story is typed alone (``speakers``): a minister described in one story and only
named in the next is ``official`` there and ``unclassified`` here. This pass reads what
the stories' own evidence says of every named speaker (the rows with ``typed_by``
``story`` or ``codebook``) and, where a row's speaker has no evidence in its story (its
type is ``unclassified``, or the story's genre alone gave it, ``typed_by`` ``genre``),
gives it the type, canonical name and description that the other stories' evidence
gives, with ``typed_by`` ``corpus``:

- by the same full name anywhere in the run ("Arsene Wenger");
- by a surname alone ("Wenger") only when, among the people the stories of the same
  outlet type with evidence, exactly one has that surname.

When stories give one name different types, the evidence decides: the type that most
stories give it (one vote per story); a tie lends nothing, and each story keeps its own
type. Such names are listed by ``conflicts`` and by ``python -m analysis gaps``. A row
that its own story typed from evidence is never changed: the codebook types a speaker by
what the story says (rule 7).

The pass needs the whole corpus before it can lend, and the table is written as the
stories are coded, so it is a second pass over what was written (``run.write_table``):
``add`` reads each coded piece as it comes back from any engine (the votes are counts,
so the engines, which return pieces in corpus order, agree), ``lend`` rewrites each piece
on the way to the final file. Memory holds one piece and the names, not the corpus.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from .sourcetypes import Codebook, load_codebook

EVIDENCE = ("story", "codebook")
# Rows that may take a type from the corpus: no evidence in their story ("unclassified"),
# or only its genre (typed_by "genre").
_CONNECTORS = frozenset("of for and the de da van von bin al le la del der dos du ibn & y".split())
_NOT_NAMES = frozenset("I We You They He She It The A An This That These Those".split())
# How many different descriptions are kept per name and type, to choose the commonest.
_DESCRIPTIONS_KEPT = 8


def is_name(speaker: object) -> bool:
    """True when a speaker is given by a proper name ("Arsene Wenger", "IAAF", "Marvel"),
    not a description ("the minister", "analysts") or a pronoun."""
    if not isinstance(speaker, str):
        return False
    words = speaker.split()
    if not words or words[0] in _NOT_NAMES or not words[0][:1].isupper():
        return False
    return all(word[:1].isupper() or word[:1].isdigit() or word.lower() in _CONNECTORS for word in words)


class CorpusPeople:
    """The types that the stories of a run give their named speakers from evidence."""

    def __init__(self, codebook: Codebook | None = None):
        self.codebook = codebook or load_codebook()
        self._votes: dict[str, Counter[str]] = {}
        self._descriptions: dict[tuple[str, str], Counter[str]] = {}
        self._surnames: dict[tuple[str, str], set[str]] = {}
        self._resolved: dict[str, tuple[str, str] | None] = {}

    def add(self, table: pd.DataFrame) -> None:
        """Count what the stories of ``table`` (a piece of a run) say of their named
        speakers: one vote per story for each type that its evidence gives a name."""
        if "typed_by" not in table or table.empty:
            return
        typed_by = table["typed_by"].to_numpy(dtype=object)
        rows = [row for row, kind in enumerate(typed_by) if kind in EVIDENCE]
        if not rows:
            return
        self._resolved.clear()
        stories, speakers = table["story_id"].to_numpy(dtype=object), table["speaker"].to_numpy(dtype=object)
        types, descriptions = table["source_type"].to_numpy(dtype=object), table["descriptor"].to_numpy(dtype=object)
        outlets = table["outlet"].to_numpy(dtype=object)
        seen = set()
        for row in rows:
            name, source_type = speakers[row], types[row]
            key = (stories[row], name, source_type)
            if key in seen or not is_name(name):
                continue
            seen.add(key)
            self._votes.setdefault(name, Counter())[source_type] += 1
            description = descriptions[row]
            if isinstance(description, str) and description.strip():
                kept = self._descriptions.setdefault((name, source_type), Counter())
                if description in kept or len(kept) < _DESCRIPTIONS_KEPT:
                    kept[description] += 1
            words = name.split()
            if 2 <= len(words) <= 4:
                outlet = outlets[row] if isinstance(outlets[row], str) else ""
                self._surnames.setdefault((outlet, words[-1]), set()).add(name)

    def _person_like(self, name: str) -> bool:
        """True when ``name`` may be a person's full name, whose last word a story may
        use alone: two to four words, none of them an organization the codebook knows,
        the last no state ("Athletics Kenya" is no Mr Kenya)."""
        words = name.split()
        return 2 <= len(words) <= 4 and not self.codebook.organizations(name) and not self.codebook.is_state(words[-1]) and words[-1][:1].isupper()

    def resolve(self, name: str) -> tuple[str, str] | None:
        """The type and description that the run's evidence gives ``name``: the type most
        stories give it, with the description its stories give most often; None when
        no story types it, or when two types tie."""
        if name not in self._resolved:
            votes = self._votes.get(name)
            found = None
            if votes:
                ranked = votes.most_common()
                if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                    source_type = ranked[0][0]
                    descriptions = self._descriptions.get((name, source_type))
                    found = (source_type, max(descriptions.items(), key=lambda item: (item[1], -len(item[0]), item[0]))[0] if descriptions else "")
            self._resolved[name] = found
        return self._resolved[name]

    def target(self, speaker: str, outlet: str) -> str | None:
        """The name under which the run's evidence knows ``speaker``: itself, or for a
        single word the one person of ``outlet`` with that surname."""
        if speaker in self._votes:
            return speaker
        if " " in speaker or self.codebook.is_state(speaker) or self.codebook.organizations(speaker):
            return None
        names = {name for name in self._surnames.get((outlet, speaker), ()) if self._person_like(name)}
        return next(iter(names)) if len(names) == 1 else None

    def lend(self, table: pd.DataFrame, vocabulary=None) -> pd.DataFrame:
        """``table`` (a piece of the run) with the speakers its stories left without
        evidence typed by the run's evidence (``typed_by`` ``corpus``): type, canonical
        name and description; the ``frames`` of a sentence whose type changes are found
        again (``vocabulary``, a ``frames.FramingVocabulary``, when given)."""
        if "typed_by" not in table or table.empty or not self._votes:
            return table
        types, typed_by = table["source_type"].to_numpy(dtype=object), table["typed_by"].to_numpy(dtype=object)
        speakers, outlets = table["speaker"].to_numpy(dtype=object), table["outlet"].to_numpy(dtype=object)
        changes: dict[int, tuple[str, str, str]] = {}
        receiving = np.flatnonzero((types == "unclassified") | (typed_by == "genre"))
        for row in receiving:
            if not is_name(speakers[row]):
                continue
            speaker = speakers[row]
            name = self.target(speaker, outlets[row] if isinstance(outlets[row], str) else "")
            found = self.resolve(name) if name else None
            if found is None or (found[0] == types[row] and name == speaker):
                continue
            changes[row] = (name, found[0], found[1])
        if not changes:
            return table
        table = table.copy()
        rows = list(changes)
        found = list(changes.values())
        columns = {column: table[column].to_numpy(dtype=object, copy=True) for column in ("speaker", "descriptor", "source_type", "typed_by", "frames", "text") if column in table}
        columns["speaker"][rows] = [name for name, _, _ in found]
        columns["source_type"][rows] = [kind for _, kind, _ in found]
        columns["descriptor"][rows] = [described or columns["descriptor"][row] for row, (_, _, described) in zip(rows, found)]
        columns["typed_by"][rows] = "corpus"
        if vocabulary is not None and "frames" in columns:
            columns["frames"][rows] = [";".join(vocabulary.frames_in(str(columns["text"][row]), kind)) for row, (_, kind, _) in zip(rows, found)]
        for column in ("speaker", "descriptor", "frames"):
            if column in columns:
                table[column] = pd.array(columns[column], dtype=table[column].dtype)
        for column in ("source_type", "typed_by"):
            table[column] = pd.Categorical(columns[column], categories=table[column].cat.categories) if isinstance(table[column].dtype, pd.CategoricalDtype) else columns[column]
        return table


def conflicts(table: pd.DataFrame) -> pd.DataFrame:
    """The named speakers whose stories' own evidence gives them different types: one
    row per name with ``types`` (each type and how many stories give it, most first),
    ``stories``, and ``resolved``, the type the corpus pass lends to their stories
    without evidence (empty for a tie, which lends nothing)."""
    columns = ["name", "types", "stories", "resolved"]
    if "typed_by" not in table or table.empty:
        return pd.DataFrame(columns=columns)
    typed = table[table["typed_by"].astype("object").isin(EVIDENCE) & table["speaker"].notna()]
    typed = typed.drop_duplicates(["story_id", "speaker", "source_type"])
    typed = typed[typed["speaker"].map(is_name).astype(bool)]
    rows = []
    for name, group in typed.groupby(typed["speaker"].astype(str), sort=True):
        votes = group["source_type"].astype(str).value_counts()
        if len(votes) < 2:
            continue
        ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
        resolved = ranked[0][0] if ranked[0][1] > ranked[1][1] else ""
        rows.append({"name": name, "types": "; ".join(f"{kind} in {count}" for kind, count in ranked),
                     "stories": int(group["story_id"].nunique()), "resolved": resolved})
    found = pd.DataFrame(rows, columns=columns)
    return found.sort_values(["stories", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)
