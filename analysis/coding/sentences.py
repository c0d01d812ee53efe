"""Split a story's text into paragraphs and sentences, with character offsets.

No downloaded models: boundaries come from punctuation, the abbreviation list in
``data/abbreviations.csv``, and the quotation marks of each paragraph. Every sentence of
a multi-sentence quotation is its own sentence. Subheads, whether on a line of their own
or glued to the end of a paragraph, and photo credits become heading rows. Page
furniture (``corpus.furniture`` finds it) is cut from the text around it, even inside a line,
and its pieces become rows of their own, marked ``is_boilerplate``.

Offsets always point into the document text as given, so ``text[start:end]`` is the
sentence, and the sentences of a story cover every non-space character of it once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..datafiles import abbreviations
from ..pattern import lexicon
from .cues import load_cues
from .quotes import DOUBLE_QUOTE_MARK, SIGNATURE, quote_marks

# Words that commonly begin an English sentence; after an ambiguous abbreviation such as
# "U.S." or "Inc." a sentence ends only if one of these follows.
SENTENCE_STARTERS = frozenset(
    """a after also although an and as at but by despite during earlier for from he
    her here his however i if in it its last later meanwhile more most my no nor
    now on once one our she since so some still that the their then there these they
    this those though thus to under unlike until we what when where whether which
    while who why with yet you""".split()
)

_BOUNDARY = re.compile(r"([.!?…]+)([\"”’'»)\]]*)(\s+)")
_NON_SPACE = re.compile(r"\S")
_NEXT_WORD = re.compile(r"[\"“”'‘’«(\[]*([\w][\w.'’-]*)")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_TERMINAL = re.compile(r"[.!?…:;][\"”’'»)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’&-]*")
_CAPTION = re.compile(
    r"^(?:(?:File|Cover|Top|Bottom|Inset)\s+)?(?:Photos?|Illustrations?|Graphics?|Charts?|"
    r"Images?|Videos?|Credits?|Cartoons?|Infographics?|Pictures?)\s*:\s*\S"
    r"(?:[^.!?]{0,60})$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"\b(?:(?:File|Cover|Top|Bottom|Inset)\s+)?(?:Photos?|Illustrations?|Graphics?|Charts?|Images?|Videos?|"
    r"Cartoons?|Infographics?)\s*:\s*(?=[A-Z])"
)
# A signature closing a paragraph ("... shame." ― Ana Ruiz, 34) stays with its sentence.
_SIGNATURE = re.compile(SIGNATURE)
# A photo's description: "Aerial photo taken on July 1, 2020 shows ...", "A screengrab
# from the web stream shows ...", also after a subhead glued before it.
_PHOTO_SHOWS = re.compile(
    r"^(?:\S+\s+){0,6}?(?:(?:[Aa]erial|[Pp]anoramic|[Ff]ile|[Cc]ombo|[Aa]|[Tt]he)\s+)*"
    r"(?:[Pp]hotos?|[Ss]creengrab|[Ss]creenshot|[Vv]ideo\s+grab)\s+(?:(?:taken|from|made|provided)\b[^.\"“”]{0,160}?\s+)?shows?\b"
)
# A subhead in capitals glued to the start of a sentence, as wire copy prints them
# ("TARGETS THROUGH 2035 The session raised ...", 'ACHIEVING "XIAOKANG" GOAL Xi said ...'):
# two or more words in capitals (eight letters at least), then a word in lower case.
_CAPITALS_SUBHEAD = re.compile(r"((?:[\"“”']?[A-Z0-9][A-Z0-9'’&-]*[\"“”']?[,:]?\s+){2,})(?=[A-Z][a-z])")
# A wire photo's caption in the present tense that ends with the place and the date:
# "... at the Great Hall of the People in Beijing, capital of China, Nov. 12, 2020."
_CAPTION_DATE = re.compile(
    r",\s+(?:Jan|Feb|Mar|March|Apr|April|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\.?\s*$"
)
# Links to a page's parts: "【1】 【2】 【3】", also after a photo credit.
_PAGE_LINKS = re.compile(r"^(?:\([^()]{1,40}\)\s*)?(?:【\d+】\s*)+$")
HEADING_MAX_WORDS = 12
# The first paragraph of a story that is one short sentence set off by a blank line is its
# headline, even with a full stop ("Hunting is down in the US."), as in the files of some
# news archives.
_BLANK_LINE = re.compile(r"[ \t\r]*\n[ \t\r]*\n")
GLUED_HEADING_MAX_WORDS = 8


@dataclass(frozen=True)
class Sentence:
    """One sentence or heading: offsets into the document text, the paragraph it is in
    (numbered from 1 within its story), whether it is a heading or caption, and whether
    it is page furniture (menus, link lists, footers: not part of the article)."""

    start: int
    end: int
    paragraph: int
    is_heading: bool = False
    is_boilerplate: bool = False


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph of ``text[start:end]``, stripped of spaces.

    A paragraph is a line, unless the text is hard-wrapped (blocks separated by blank
    lines whose lines mostly break mid-sentence), in which case it is a block.
    """
    end = len(text) if end is None else end
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[start:end]) if m.group().strip()]
    lines = [(start + a, start + b) for a, b in lines]
    if _is_hard_wrapped(text, lines):
        blocks: list[tuple[int, int]] = []
        for line_start, line_end in lines:
            if blocks and text.count("\n", blocks[-1][1], line_start) == 1:
                blocks[-1] = (blocks[-1][0], line_end)
            else:
                blocks.append((line_start, line_end))
        lines = blocks
    return [_strip_span(text, a, b) for a, b in lines]


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when most lines that run straight on into another line stop mid-sentence and
    either go on in lower case or fill the wrapping width (60% of the longest line). A
    headline, byline and date on lines of their own are short and followed by capitals,
    so they are not read as wrapped."""
    width = max((b - a for a, b in lines), default=0)
    run_on = [
        (a, b, next_a)
        for (a, b), (next_a, _) in zip(lines, lines[1:])
        if text.count("\n", b, next_a) == 1
    ]
    if len(run_on) < 3 or len(run_on) == len(lines) - 1:
        return False
    wrapped = sum(
        1
        for a, b, next_a in run_on
        if not _TERMINAL.search(text[a:b].rstrip()) and (text[next_a].islower() or b - a >= 0.6 * width)
    )
    return wrapped / len(run_on) > 0.5


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``(start, end)`` so that it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_story(
    text: str, start: int = 0, end: int | None = None, furniture: Sequence[tuple[int, int]] = (), title: str = ""
) -> list[Sentence]:
    """Split ``text[start:end]`` (one story) into sentences and headings, in order.

    ``title`` is the story's title when known from elsewhere (a manifest, a table, the
    file's first line): a short first paragraph is then taken for a headline only when it
    is that title, since otherwise it is the lede.

    ``furniture`` lists ``(start, end)`` spans of page furniture (sorted, not
    overlapping): their edges cut paragraphs and sentences, so that furniture glued to a
    headline or a sentence on the same line becomes rows of its own, marked
    ``is_boilerplate`` (never headings)."""
    end = len(text) if end is None else end
    kinds = abbreviations()
    spans = paragraph_spans(text, start, end)
    paragraphs = _cut(text, spans, furniture) if furniture else [(a, b, False) for a, b in spans]
    sentences: list[Sentence] = []
    for number, (p_start, p_end, boilerplate) in enumerate(paragraphs, start=1):
        spans = sentence_spans(text, p_start, p_end, kinds)
        if boilerplate:
            sentences.extend(Sentence(a, b, number, False, True) for a, b in spans)
            continue
        is_last_paragraph = number == len(paragraphs)
        for index, (s_start, s_end) in enumerate(spans):
            pieces = caption_spans(text, s_start, s_end)
            if pieces:
                sentences.extend(Sentence(a, b, number, caption) for a, b, caption in pieces)
                continue
            subhead = _CAPITALS_SUBHEAD.match(text, s_start, s_end)
            if subhead and sum(c.isalpha() for c in subhead.group(1)) >= 8:
                # "DEVELOPMENT PRIORITIES Several priorities were highlighted."
                sentences.append(Sentence(s_start, s_start + len(subhead.group(1).rstrip()), number, True))
                s_start = subhead.end(1)
            piece = text[s_start:s_end]
            if is_photo_description(piece):
                heading = True
            elif len(spans) == 1 and number == 1 and not is_last_paragraph and _BLANK_LINE.match(text, p_end):
                heading = is_heading_line(piece) or (_is_the_title(piece, title) and is_headline(piece))
            elif len(spans) == 1:
                heading = is_heading_line(piece)
            elif index == len(spans) - 1 and not is_last_paragraph:
                heading = is_glued_heading(piece) or is_caption(piece)
            else:
                heading = is_caption(piece)
            sentences.append(Sentence(s_start, s_end, number, heading))
    return sentences


def _cut(text: str, paragraphs: list[tuple[int, int]], furniture: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Cut ``paragraphs`` at the edges of the ``furniture`` spans: ``(start, end,
    is_furniture)`` for each piece that holds a non-space character."""
    pieces: list[tuple[int, int, bool]] = []
    starts = [a for a, _ in furniture]
    for p_start, p_end in paragraphs:
        index = max(bisect_right(starts, p_start) - 1, 0)
        position = p_start
        while position < p_end:
            while index < len(furniture) and furniture[index][1] <= position:
                index += 1
            if index < len(furniture) and furniture[index][0] <= position:
                piece_end, boilerplate = min(furniture[index][1], p_end), True
            else:
                piece_end, boilerplate = (min(furniture[index][0], p_end) if index < len(furniture) else p_end), False
            a, b = _strip_span(text, position, piece_end)
            if a < b:
                pieces.append((a, b, boilerplate))
            position = piece_end
    return pieces


def caption_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split a photo caption glued into a sentence ("Foreign Minister Wang Yi Photo:
    Xinhua The talks began ...") from the text around it.

    Returns ``(start, end, is_caption)`` pieces, the caption being its description (up
    to 20 unpunctuated words before the credit) and the credit; an empty list when the
    sentence holds no caption credit or is one whole.
    """
    if text.find(":", start, end) < 0:  # every credit has a colon
        return []
    piece = text[start:end]
    credit = _CREDIT.search(piece)
    if credit is None or is_caption(piece):
        return []
    names = re.finditer(r"\S+", piece[credit.end() :])
    credit_end = credit.end()
    for count, name in enumerate(names):
        word = name.group().strip(".,;")
        if count >= 4 or (count and (word.lower() in SENTENCE_STARTERS or word[:1].islower())) or not word:
            break
        credit_end = credit.end() + name.end()
        if name.group()[-1] in ".,;":
            break
    before = piece[: credit.start()]
    caption_start = credit.start()
    last_stop = max(before.rfind(mark) for mark in ".!?")
    description = before[last_stop + 1 :]
    if len(_WORD.findall(description)) <= 20:
        caption_start = last_stop + 1
    pieces = []
    for a, b, caption in ((0, caption_start, False), (caption_start, credit_end, True), (credit_end, len(piece), False)):
        a, b = _strip_span(piece, a, b)
        if a < b:
            pieces.append((start + a, start + b, caption))
    return pieces


def sentence_spans(
    text: str, start: int, end: int, kinds: dict[str, str] | None = None
) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence in the paragraph ``text[start:end]``.

    ``kinds`` maps abbreviations to their kind, as ``abbreviations()`` returns them
    (looked up when not given; ``split_story`` looks them up once for a whole story).
    """
    kinds = abbreviations() if kinds is None else kinds
    paragraph = text[start:end]
    # The start and length of each closing quotation mark, read only when a boundary is
    # followed by a character that could begin one (anything but a letter or digit).
    closing: dict[int, int] | None = None
    spans: list[tuple[int, int]] = []
    sentence_start = 0
    for match in _BOUNDARY.finditer(paragraph):
        sentence_end, next_start = match.end(2), match.end(3)
        # A closing mark set off by a space ('different. "') belongs to the sentence before.
        while next_start < len(paragraph) and not paragraph[next_start].isalnum():
            if closing is None:
                closing = {mark.start: mark.length for mark in quote_marks(paragraph) if not mark.opens}
            if next_start not in closing:
                break
            sentence_end = next_start + closing[next_start]
            after = _NON_SPACE.search(paragraph, sentence_end)
            next_start = after.start() if after else len(paragraph)
        if next_start >= len(paragraph) or next_start <= sentence_start:
            continue
        if _ends_sentence(paragraph, match, next_start, kinds):
            spans.append((start + sentence_start, start + sentence_end))
            sentence_start = next_start
    spans.append((start + sentence_start, end))
    stripped = (_strip_span(text, a, b) for a, b in spans)
    return [(a, b) for a, b in stripped if a < b]


def _ends_sentence(paragraph: str, match: re.Match[str], next_start: int, kinds: dict[str, str]) -> bool:
    """Decide whether the punctuation in ``match`` ends a sentence, the next one starting
    at ``next_start``; ``kinds`` maps abbreviations to their kind."""
    if _SIGNATURE.fullmatch(paragraph, next_start):
        return False
    next_word = _NEXT_WORD.match(paragraph, next_start)
    if next_word is None:
        return True
    word = next_word.group(1)
    if word[0].islower() and not any(c.isupper() for c in word[1:]):
        return False
    if match.group(1) != ".":
        return True
    token = _last_token(paragraph, match.start(1))
    if not token:
        return True
    token_text = token.lstrip("\"“'‘([")
    kind = kinds.get(token_text)
    if kind is None and "-" in token_text:
        kind = kinds.get(token_text.rsplit("-", 1)[1])  # "then-Sen.", "ex-Gov."
    if kind is None and (_DOTTED_ACRONYM.match(token_text) or (len(token_text) == 1 and token_text.isupper())):
        kind = "ambiguous"
    if kind is None:
        return True
    if kind == "title":
        return False
    if kind == "numeric" and word[0].isdigit():
        return False
    return word.lower() in SENTENCE_STARTERS


def _last_token(paragraph: str, stop: int) -> str:
    """Return the run of non-space characters that ends at ``stop`` in ``paragraph``, or
    just before a line break at ``stop``; '' when there is none. This is what the pattern
    ``(\\S+)$`` finds in ``paragraph[:stop]``, read backwards from ``stop`` so that it costs
    the token's length rather than the paragraph's."""
    end = stop - 1 if stop and paragraph[stop - 1] == "\n" else stop
    begin = end
    while begin and not paragraph[begin - 1].isspace():
        begin -= 1
    return paragraph[begin:end]


def is_caption(piece: str) -> bool:
    """True for a photo or illustration credit such as "Photo: Xinhua"."""
    return ":" in piece and bool(_CAPTION.match(piece.strip()))  # every credit has a colon


def is_photo_description(piece: str) -> bool:
    """True for the description of a photo rather than a sentence of the story: "Photo
    taken on ... shows ...", a wire caption in the present tense that ends with its
    place and date ("Premier Li Keqiang attends the meeting ..., in Beijing, capital of
    China, Nov. 12, 2020."), or the links to a page's parts ("【1】 【2】")."""
    piece = piece.strip()
    if _PAGE_LINKS.match(piece) or _PHOTO_SHOWS.match(piece):
        return True
    if not _CAPTION_DATE.search(piece) or DOUBLE_QUOTE_MARK.search(piece):
        return False
    tags = [lexicon.get(word) or lexicon.get(word.lower(), "") for word in _WORD.findall(piece)]
    return "VBD" not in tags and any(tag in ("VBZ", "VBP") for tag in tags)


def _is_the_title(piece: str, title: str) -> bool:
    """True when no title is known, or ``piece`` is the known title (up to its last mark)."""
    if not title.strip():
        return True
    return piece.strip().rstrip(".;:").strip().lower() == title.strip().rstrip(".;:").strip().lower()


def is_headline(piece: str) -> bool:
    """True for a short first paragraph that reads as a headline although it ends with a
    full stop or a semicolon ("Verizon, striking unions reach four-year deal.", "FULL
    TEXT."): at most ``HEADING_MAX_WORDS`` words, with no quotation marks, in the
    present tense of headlines (a verb in the past tense, "The ships sailed toward
    Manila.", makes it a lede). A headline that reports someone's words or stance with a
    cue of ``cues.csv`` ("Flynn says Trump 'absolutely right'", "Union endorses Clinton")
    stays a sentence of its speaker: it carries the source's claim to the reader."""
    piece = piece.strip()
    words = _WORD.findall(piece)
    if not (0 < len(words) <= HEADING_MAX_WORDS and (piece[0].isupper() or piece[0].isdigit())) or DOUBLE_QUOTE_MARK.search(piece):
        return False
    if any(lexicon.get(word.lower()) == "VBD" for word in words):
        return False
    return not any(match.value.kind in ("speech", "stance") for match in load_cues().find(piece))


def is_heading_line(piece: str) -> bool:
    """True when a paragraph of one piece reads as a heading rather than a sentence.

    Headings are short and unpunctuated ("Catch up and cooperate"), photo credits, or
    set in title case ("Stealth Over Health: Clinton Was Headed to ER").
    """
    piece = piece.strip()
    if is_caption(piece):
        return True
    words = _WORD.findall(piece)
    if not words or not (piece[0].isupper() or piece[0].isdigit() or piece[0] in "\"“'‘"):
        return False
    if not _TERMINAL.search(piece) and piece[-1] not in ",-–—" and len(words) <= HEADING_MAX_WORDS:
        return True
    major = [word for word in words if len(word) > 3]
    return (
        len(major) >= 3
        and len(words) <= 20
        and all(word[0].isupper() for word in major)
        and not DOUBLE_QUOTE_MARK.search(piece)
    )


def is_glued_heading(piece: str) -> bool:
    """True for a subhead glued to the end of a paragraph: a short unpunctuated piece
    starting with a capital ("… legally available. The true gap")."""
    piece = piece.strip()
    words = _WORD.findall(piece)
    return (
        bool(words)
        and len(words) <= GLUED_HEADING_MAX_WORDS
        and (piece[0].isupper() or piece[0].isdigit())
        and not _TERMINAL.search(piece)
        and piece[-1] not in ",-–—"
        and not DOUBLE_QUOTE_MARK.search(piece)
    )
