"""What the story says about a name: the fullest form of the name and the words that
introduce it (``introduction``), and the words around each of its mentions
(``mentions``), which type a speaker that its own description does not."""

from __future__ import annotations

import re

from ..matching import word_spans
from .context import StoryContext
from .names import person_name
from .words import name_run, name_words, words_before

# A comma after a name opens an appositive unless a reporting verb or a conjunction follows.
_NOT_APPOSITIVE = r"(?!\s*(?:said|says|told|added|and|but)\b)"
# A role set off by a comma right before a name: "her senior policy adviser, Jake Sullivan".
_ROLE_SET_OFF_BEFORE = re.compile(r"(?:^|[,;:(]\s*|\b(?:and|but|while)\s+)((?:his|her|their|its|the|a|an)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,4}),\s*$")
# A title's abbreviation does not end a description ("..., Mrs. Clinton's communications director").
_TITLE_PERIOD = r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|St|Jr|Sr)\."
# What a mention of a name says about it right after the name: a bracket, an appositive
# (and a second one that opens with an article: ", Director of the Media Center, a US
# think tank"), "is a ...", or a next sentence that opens "She's a ..." ("Hoff. She's a
# delegate").
_APPOSITIVE = re.compile(
    r"\s*(?:\(([^()]{1,60})\)|,\s*(" + _NOT_APPOSITIVE + r"(?:" + _TITLE_PERIOD + r"|[^.;,]){1,100}(?:,\s*(?:a|an|the)\s[^.;,]{1,80})?)"
    r"|\s+(?:is|was|has\s+been)\s+((?:a|an|the)\s[^.;,]{1,100})"
    r"|[.!?]\s+(?:She|He)(?:['’]s|\s+is|\s+was)\s+((?:a|an|the)\s[^.;]{1,100}))"
)
# A title set off by a comma right before a name ("..., the commission's Executive
# Vice-President for An Economy that Works for People, Valdis Dombrovskis, said").
_TITLE_BEFORE = re.compile(r"(?:^|[.;:!?,]\s+)((?:[Tt]he|[Aa]n?|[A-Z][\w'’-]*['’]s)\s+[^.;:!?,]{3,140}?),\s+$")
# What follows the fullest form of a name that introduces it: an appositive or a participle.
_INTRODUCTION_AFTER = re.compile(r"(?:,\s*" + _NOT_APPOSITIVE + r"|\s+(?=(?:serving|working|from|of|at)\b))((?:" + _TITLE_PERIOD + r"|[^.;]){1,120}?)(?:,\s|[.;]|$)")


def introduction(story: StoryContext, name: str) -> tuple[str, str]:
    """Find the fullest form of ``name`` in the story and the words that introduce
    it: up to six words before it in its clause, and an appositive or participle
    after it ("..., a professor at X", "... serving as the first dean"), or a role
    set off before it ("her senior policy adviser, Jake Sullivan, said"). A fuller
    form adds at most one word after the name ("Yan" is "Yan Wei"), so that a
    title-case headline ("Howard Dean Tells Democratic Convention") is no name."""
    if name not in story.introductions:
        story.introductions[name] = _find_introduction(story, name)
    return story.introductions[name]


def _find_introduction(story: StoryContext, name: str) -> tuple[str, str]:
    listed = story.codebook.person(name, story.text)
    if listed:
        return listed.name, ""
    best = None
    wanted = name.split()
    for match in story.runs_with(wanted[0]):
        words = name_words(match.group())
        if not set(wanted) <= set(words) or len(words) - 1 - max(words.index(word) for word in wanted) > 1:
            continue
        if best is None or len(match.group()) > len(best.group()):
            best = match
    if best is None:
        return name, ""
    full, titles = person_name(story, name_run(best.group()))
    floor = story.floor(best.start())
    before = words_before(story.text, best.start(), floor)
    set_off = _ROLE_SET_OFF_BEFORE.search(story.text, max(floor, best.start() - 80), best.start())
    if not before and set_off:
        before = set_off.group(1)
    after = ""
    follows = _INTRODUCTION_AFTER.match(story.text, best.end())
    if follows:
        after = follows.group(1)
    return (full or name), " ".join(filter(None, [before, titles, after])).strip()


# A second name joined to the first ("Felicia Sanders and Polly Sheppard"): an appositive
# after it describes both.
_AND_NAME = re.compile(r"\s+and\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?=,)")


def mentions(story: StoryContext, name: str, person: bool) -> list[str]:
    """The words that introduce each mention of ``name`` in the story (a person by
    surname): the capitalized titles and up to six words before it in its clause, a
    title set off by a comma before it, and an appositive or a bracket after it
    ("Labour's Alan Milburn", "The commission's Executive Vice-President for An Economy
    that Works for People, Valdis Dombrovskis", "Yukos, the Russian oil firm,", "Mr
    Howard (Conservative)")."""
    text = story.text
    key = name.split()[-1] if person else name
    own = set(name.split())
    found = []
    for start, end in word_spans(text, key):
        run_start = next((run.start() for run in story.runs_with(key.split()[0]) if run.start() <= start < run.end()), start)
        titles = " ".join(word for word in text[run_start:start].split() if word not in own)  # "Bill" of "Bill Nye" is no bill
        floor = story.floor(run_start)
        before = words_before(text, run_start, floor)
        title = _TITLE_BEFORE.search(text, max(floor, run_start - 160), run_start)
        after = _APPOSITIVE.match(text, end)
        partner = _AND_NAME.match(text, end) if after is None else None
        if partner:  # "Felicia Sanders and Polly Sheppard, two of the survivors,"
            after = _APPOSITIVE.match(text, partner.end())
        context = " ".join(filter(None, [before, title and title.group(1), titles, after and next(filter(None, after.groups()), None)]))
        if context.strip():
            found.append(context)
    return found
