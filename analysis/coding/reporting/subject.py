"""The phrase that names the speaker of a cue verb, read from the tokens around it.

The noun phrase before the verb (``subject_before``), the name before an appositive
(``Li Haidong, a professor at X, told``: ``appositive_before``), the phrase after an
inverted verb or "according to" (``phrase_after``), the subject that a second verb
shares (``X met Y and said``: ``elided_subject``), and the names and noun phrases that
the loose rules fall back on. Each returns the phrase, its description or None, and
(but for ``phrase_after``) where it starts; or None when there is no such phrase.
"""

from __future__ import annotations

import re

from ...pattern import lexicon

from .words import (
    ARTICLES,
    AUXILIARIES,
    BOUNDARY_MARKS,
    CLAUSE_WORDS,
    DETERMINERS,
    FINITE_TAGS,
    MAX_SUBJECT_WORDS,
    MONTHS,
    NAME_TOKEN,
    PARTS_OF_DAY,
    PREPOSITIONS,
    QUANTIFIERS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    Token,
    clean,
    is_adverb,
    is_name_chunk,
    split_name,
)

_QUANTITY_OPENERS = ("at least", "more than", "nearly", "about", "almost", "over", "fewer than", "less than", "some of", "many of", "most of", "all of", "none of", "one of")
_TIME_OPENERS = frozenset("in on last this next early late earlier later since by during".split())
_TIME_WORDS = WEEKDAYS | PARTS_OF_DAY | frozenset(MONTHS) | frozenset(
    """week weeks month months year years day days weekend decade century spring summer autumn fall winter
    jan feb mar apr jun jul aug sep sept oct nov dec early late mid""".split()
)
_COORDINATORS = frozenset({"and", "but", "or", "yet"})
_BARE_ANTECEDENT_ENDS = frozenset("from by with to on in at for against among between than about into over under via through amid".split())


def subject_before(sentence: str, tokens: list[Token], end: int) -> tuple[str, str | None, int] | None:
    """Return the noun phrase that ends before token ``end`` (the subject of a cue
    verb), as ``(phrase, description, start)``, or None when there is none. A subject
    with a relative clause ("an expert who asked not to be named told") is the noun
    phrase before "who", described by the clause."""
    relative = end - 2
    while relative >= 0 and tokens[relative][0] not in BOUNDARY_MARKS:
        if tokens[relative][0].lower() in {"who", "which"}:
            if _opens_object_relative(tokens[relative + 1][0]):
                break
            found = _relative_antecedent(sentence, tokens, relative)
            if found is not None:
                return found[0], clean(sentence[tokens[relative][1] : tokens[end - 1][2]]), found[2]
            break
        relative -= 1
    index = end - 1
    while index >= 0:
        token, lower = tokens[index][0], tokens[index][0].lower()
        if lower == "that" and index == end - 1 and index > 0 and tokens[index - 1][0][0].isalnum():
            return _relative_antecedent(sentence, tokens, index)
        if token in BOUNDARY_MARKS or (lower in CLAUSE_WORDS and lower not in {"who", "which"}):
            break
        if lower in {"who", "which"}:
            if index == end - 1:
                return _relative_antecedent(sentence, tokens, index)
            if not _opens_object_relative(tokens[index + 1][0]):
                return None
            break
        if lower == "and" and 0 < index < end - 1 and tokens[index - 1][0][:1].isupper() and tokens[index + 1][0][:1].isupper():
            index -= 1
            continue
        if lower == "and":
            left = index - 1
            while left >= 0 and tokens[left][0] not in BOUNDARY_MARKS and tokens[left][0].lower() not in CLAUSE_WORDS:
                left -= 1
            if index - left - 1 > 3:
                break
        if lower in AUXILIARIES:
            break
        index -= 1
    start = index + 1
    while start < end and (is_adverb(tokens[start][0]) or tokens[start][0].lower() in _COORDINATORS):
        start += 1
    start = _after_time_adjunct(tokens, start, end)
    if start >= end:
        return None
    phrase_text = sentence[tokens[start][1] : tokens[end - 1][2]]
    for opener in _QUANTITY_OPENERS:
        if phrase_text.lower().startswith(opener + " "):
            break
    else:
        if tokens[start][0].lower() in PREPOSITIONS:
            return None
    words = [token for token, _, _ in tokens[start:end]]
    if len(words) > MAX_SUBJECT_WORDS and words[0][0].isalnum():
        return _titled_name(sentence, tokens[start:end])
    if not words[0][0].isalnum():
        return None
    last = words[-1].lower()
    if last in PREPOSITIONS | DETERMINERS - QUANTIFIERS:
        return None
    if last.endswith(("'s", "’s")) and last[:-2] not in SUBJECT_PRONOUNS | {"that", "who", "there"}:
        return None
    name, description = split_name(phrase_text)
    return name, description, tokens[start][1]


def _titled_name(sentence: str, phrase: list[Token]) -> tuple[str, str | None, int] | None:
    """For a subject too long to be a plain noun phrase, the personal name that ends a
    long title with no article before it ("deputy director of the Liaison Office of
    the State Council in the HKSAR Chen Dong" is Chen Dong, so described), as
    ``(name, title, start)``; None otherwise. An acronym that opens the final run of
    capitals belongs to the title, and of a run of four capitalized words or more, only
    the last two name the person ("... of the International Monetary Fund Kristalina
    Georgieva")."""
    if len(phrase) > 2 * MAX_SUBJECT_WORDS or not phrase[0][0][:1].islower() or phrase[0][0].lower() in DETERMINERS:
        return None
    first = len(phrase)
    while first > 0 and NAME_TOKEN.match(phrase[first - 1][0]) and phrase[first - 1][0][:1].isupper():
        first -= 1
    if len(phrase) - first > 3:
        first = len(phrase) - 2
    elif first < len(phrase) - 1 and phrase[first][0].isupper() and len(phrase[first][0]) > 1:
        first += 1
    if len(phrase) - first < 2 or phrase[first - 1][0].lower() in PREPOSITIONS:
        return None
    title = sentence[phrase[0][1] : phrase[first - 1][2]]
    return sentence[phrase[first][1] : phrase[-1][2]], clean(title), phrase[first][1]


def _after_time_adjunct(tokens: list[Token], start: int, end: int) -> int:
    """Where a subject starts after a time adjunct that opens it without a comma ("In 1998
    the party", "Last week the minister", "On Monday Smith"): past a preposition or
    "last", "this", "next", and the years, days, months and time words that follow; the
    same ``start`` when the phrase opens otherwise or nothing would be left."""
    first = tokens[start][0].lower() if start < end else ""
    if first not in _TIME_OPENERS:
        return start
    index = start + 1
    while index < end:
        word = tokens[index][0].lower()
        if word in _TIME_WORDS or word.isdigit():
            index += 1
        elif word in ARTICLES and index + 1 < end and tokens[index + 1][0].lower() in _TIME_WORDS:
            index += 2
        else:
            break
    return start if index == start + 1 or index >= end else index


def _opens_object_relative(word: str) -> bool:
    """True when ``word``, just after "which" or "who", opens the relative clause's own
    subject ("which the campaign says", "in which he says")."""
    return word.lower() in DETERMINERS | SUBJECT_PRONOUNS or word[0].isupper()


def _relative_antecedent(sentence: str, tokens: list[Token], who: int) -> tuple[str, str | None, int] | None:
    """Return the noun phrase that a relative ``who`` or ``which`` refers to: back to its
    determiner, or without one back to a verb or preposition ("pressure from exporter
    groups which said" refers to "exporter groups")."""
    index = who - 1
    if index >= 0 and tokens[index][0] == ",":
        index -= 1
    end = index
    while index >= 0 and tokens[index][0] not in BOUNDARY_MARKS:
        lower = tokens[index][0].lower()
        if index < end and (lower in AUXILIARIES or lower in CLAUSE_WORDS or lower in _BARE_ANTECEDENT_ENDS):
            return clean(sentence[tokens[index + 1][1] : tokens[end][2]]), None, tokens[index + 1][1]
        if lower in DETERMINERS:
            start = index
            while start >= 2 and tokens[start - 1][0].lower() in {"of", "at", "from", "for"}:
                head = next((k for k in range(start - 2, max(-1, start - 6), -1) if tokens[k][0] in BOUNDARY_MARKS or tokens[k][0].lower() in DETERMINERS), None)
                if head is None or tokens[head][0].lower() not in DETERMINERS:
                    break
                start = head
            return clean(sentence[tokens[start][1] : tokens[end][2]]), None, tokens[start][1]
        index -= 1
    return _name_ending_at(sentence, tokens, end)


def _name_ending_at(sentence: str, tokens: list[Token], last: int) -> tuple[str, None, int] | None:
    """Return the run of name words ("Gov. Terry Branstad", "Luiz Inacio Lula da Silva")
    that ends with token ``last``, as ``(name, None, start)``, or None when that token is
    not a name word."""
    first = last
    while first >= 0 and NAME_TOKEN.match(tokens[first][0]):
        first -= 1
    if first == last:
        return None
    return clean(sentence[tokens[first + 1][1] : tokens[last][2]]), None, tokens[first + 1][1]


def _is_parenthetical_chunk(chunk: str) -> bool:
    """True for a piece between commas that describes ("a professor at X", "49", "R-Utah")."""
    words = chunk.split()
    if not words:
        return False
    first = words[0]
    if re.fullmatch(r"[RDI]-[A-Z][\w.]*", first):
        return True
    return (first.lower() in DETERMINERS or first[0].islower() or first.isdigit()) and first.lower() != "but"


def _is_subject_chunk(chunk: str) -> bool:
    """True for a piece between commas that can be the subject itself."""
    words = chunk.split()
    return (
        0 < len(words) <= MAX_SUBJECT_WORDS
        and (words[0][0].isupper() or words[0].lower() in DETERMINERS)
        and words[0].lower() not in CLAUSE_WORDS
        and not any(word.lower() in AUXILIARIES or word.lower() in CLAUSE_WORDS for word in words)
    )


def _is_title_chunk(chunk: str) -> bool:
    """True for a capitalized description between commas ("Republican of South
    Carolina", "Gore's communications director") that can follow a name."""
    return _is_subject_chunk(chunk) and not is_name_chunk(chunk) and chunk.split()[0].lower() not in DETERMINERS


def appositive_before(sentence: str, tokens: list[Token], end: int) -> tuple[str, str | None, int] | None:
    """Find ``Subject, parenthesis,`` just before token ``end``: the speaker of a cue
    that follows an appositive ("Li Haidong, a professor at X, told ...", "Mr. Trump,
    in an interview, said ...").

    Of the comma-separated pieces before the cue, the speaker is the last name followed
    by a description, or else the last noun phrase followed by a parenthesis.
    """
    if end == 0 or tokens[end - 1][0] not in {",", "—", "–", ")"}:
        return None
    upto = tokens[end - 1][1]
    run: list[tuple[int, str]] = []
    for match in reversed(list(re.finditer(r"[^,—–]+", sentence[:upto]))[-6:]):
        chunk = match.group().strip(" \"“”'`")
        if not chunk or not (_is_subject_chunk(chunk) or _is_parenthetical_chunk(chunk) or is_name_chunk(chunk)):
            break
        run.insert(0, (match.start() + match.group().index(chunk[0]), chunk))
    passes = (
        (is_name_chunk, _is_parenthetical_chunk),
        (is_name_chunk, is_name_chunk),
        (_is_subject_chunk, _is_parenthetical_chunk),
        (is_name_chunk, _is_title_chunk),
    )
    for wanted, then in passes:
        for position in range(len(run) - 2, -1, -1):
            start, chunk = run[position]
            following = [piece for _, piece in run[position + 1 :]]
            if wanted(chunk) and then(following[0]):
                described = [piece for piece in following if piece.split()[0].lower() not in CLAUSE_WORDS | PREPOSITIONS]
                name, inner = split_name(clean(chunk))
                return name, clean(", ".join(described)) if described else inner, start
    for position in range(len(run) - 1):
        start, chunk = run[position]
        if _is_subject_chunk(chunk) and is_name_chunk(run[position + 1][1]) and not is_name_chunk(chunk):
            name_start, name = run[position + 1]
            return clean(name), clean(chunk), name_start
        named = _NAME_OF.match(run[position + 1][1])
        if _is_subject_chunk(chunk) and not is_name_chunk(chunk) and named:
            # "One pastor supporting Mr. Cruz, Darran Whiting of Liberty Baptist Church in Marion, said"
            name_start, name = run[position + 1]
            return clean(named.group(1)), clean(f"{chunk}, {name[named.end(1):]}"), name_start
    return None


# A person's name followed by the body they belong to: "Darran Whiting of Liberty Baptist Church".
_NAME_OF = re.compile(r"^((?:[A-Z][\w'’.-]*\s+){1,3}?[A-Z][\w'’.-]*)\s+(?:of|from|at|with)\s+(?:the\s+)?[A-Z]")


def elided_subject(sentence: str, tokens: list[Token], end: int, form: str) -> tuple[str, str | None, int] | None:
    """For a cue whose subject is left out (``X met Y and said ...``, ``X issued a
    statement, saying ...``), return the subject of the sentence's first clause."""
    if end == 0:
        return None
    previous = tokens[end - 1][0].lower()
    if previous not in _COORDINATORS and not (previous in {",", "—", "–", "-"} and form.endswith("ing")):
        return None
    return clause_subject(sentence, tokens[: end - 1])


def _clause_start(tokens: list[Token]) -> int | None:
    """Return the index of the token after an introductory phrase ("In May, ...",
    "When asked, ..."), 0 when there is none, or None when the phrase never ends."""
    if tokens and tokens[0][0].lower() in PREPOSITIONS | CLAUSE_WORDS:
        commas = [i for i, (token, _, _) in enumerate(tokens) if token == ","]
        return commas[0] + 1 if commas else None
    return 0


def clause_subject(sentence: str, tokens: list[Token]) -> tuple[str, str | None, int] | None:
    """Return the noun phrase that opens the sentence, after an introductory phrase."""
    start = _clause_start(tokens)
    if start is None:
        return None
    words: list[Token] = []
    for position, token in enumerate(tokens[start:], start=start):
        text = token[0]
        following = tokens[position + 1][0].lower() if position + 1 < len(tokens) else ""
        if text[0].isupper() or text.lower() in DETERMINERS or text in {"'s", "’s", "&"} or any(c.isupper() for c in text):
            words.append(token)
        elif (
            words
            and text[0].islower()
            and len(words) < 6
            and text.lower() not in AUXILIARIES
            and not text.lower().endswith(("ed", "s"))
            and lexicon.get(text.lower()) not in FINITE_TAGS
            and (text.lower() in PREPOSITIONS or following not in DETERMINERS)
        ):
            words.append(token)
        else:
            break
    if not words or words[0][0].lower() in PREPOSITIONS or words[0][0].lower() in SUBJECT_PRONOUNS - {"he", "she", "they", "we", "i"}:
        return None
    return clean(sentence[words[0][1] : words[-1][2]]), None, words[0][1]


def phrase_after(sentence: str, start: int, with_description: bool) -> tuple[str, str | None] | None:
    """Return the noun phrase that starts at ``start`` ("according to X, ...",
    "..., said X, a professor at Y.") and, if asked, the description after it."""
    rest = re.sub(r"[.!?\"”’'`]+\s*$", "", sentence[start:]).strip()
    if not rest:
        return None
    head, _, tail = rest.partition(",")
    head = re.split(
        r"[:;—–(]|\s-\s|\s+(?:on|in|at|during|after|last|this|when|while|who|which|before|because|ahead|following|amid|despite|as|yesterday|today|tonight|earlier|later)\b",
        head,
        maxsplit=1,
    )[0]
    if len(head.split()) > MAX_SUBJECT_WORDS and " and " in head:
        head = head.split(" and ")[0]  # "the data of the American Academy of Pediatrics and the ..."
    if not head.split() or len(head.split()) > MAX_SUBJECT_WORDS:
        return None
    description = clean(tail) if with_description and tail.strip() and _is_parenthetical_chunk(tail.strip()) else None
    name, inner = split_name(clean(head))
    if not name:
        return None
    return name, description or inner


def nearest_name(sentence: str, tokens: list[Token], end: int) -> tuple[str, None, int] | None:
    """Return the last run of capitalized words before token ``end`` that is not the
    sentence's first word alone, or None."""
    for last in range(end - 1, -1, -1):
        if tokens[last][0][0].isupper():
            name = _name_ending_at(sentence, tokens, last)
            if name is not None and (name[2] > tokens[0][1] or last > 0):
                return name
    return None


def leading_noun_phrase(sentence: str, tokens: list[Token]) -> tuple[str, None, int] | None:
    """Return the words that open the clause of ``tokens`` up to the first preposition,
    clause word or punctuation ("Large majorities" of "Large majorities of the voters
    polled in May"), at most six words, or None."""
    start = _clause_start(tokens)
    if start is None:
        return None
    end = start
    while end < len(tokens) and end - start < 6 and tokens[end][0][0].isalnum() and tokens[end][0].lower() not in PREPOSITIONS | CLAUSE_WORDS | AUXILIARIES:
        end += 1
    if end == start or tokens[start][0].lower() in SUBJECT_PRONOUNS - {"he", "she", "they", "we", "i"}:
        return None
    return clean(sentence[tokens[start][1] : tokens[end - 1][2]]), None, tokens[start][1]
