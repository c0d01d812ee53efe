"""Resolve the speaker phrases of a story to speakers, and type each speaker once.

Within a story, a speaker keeps one name and one source type (coding rules 6 and 7):

- "he", "she", "they" and "it" go to the last speaker that fits; a surname ("Yu") or a
  name with a title ("Mr. Trump") to the person introduced with the full name ("Yu
  Lei"), found among earlier speakers or anywhere in the story; a definite description
  ("the expert", "the company") to the last speaker described that way.
- ``names_someone`` tells the attribution step (``attribute.py``) which phrases can
  name a speaker at all: a pronoun, a proper name, or a noun phrase whose head is not a
  quantity, a time or an event ("the number of students", "1.8 percent" and "far too
  canny" are not).
- The type comes from ``people.csv`` for a listed person, else from the words that
  describe the speaker where the story introduces it (``sourcetypes.Codebook``), else
  from the words around any other mention of the name in the story ("Labour's Alan
  Milburn", "oil firm Yukos"); a speaker that none of these types is ``unclassified``.
- The outlet's own voice ("the Global Times learned") is the narrator. The story's
  outlet comes from the manifest, or else is the outlet that sources speak to most
  often ("told the Global Times").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from textblob.en import lexicon

from .attribute import Attribution
from .reporting.words import DETERMINERS, TRAILING_TIME, is_name_chunk
from .sentences import SENTENCE_STARTERS, Sentence
from .matching import word_spans
from .sourcetypes import NAME_RUN as _NAME_RUN
from .sourcetypes import DOCUMENT_WORDS, MEDIA, Codebook
from .tagging import tag_words

FALLBACK_TYPE = "unclassified"
# What typed a speaker (the table's ``typed_by``): the codebook's lists of people and
# states, the story's words about the speaker, the story's genre alone, or (in a corpus
# pass, ``corpus.py``) the speaker's type in the run's other stories.
TYPED_BY = ("story", "genre", "codebook", "corpus")
# Genres whose people speak in their own name (codebook "Genres"): a named person whom
# nothing in such a story describes is an athlete, a coach, a performer or an artist.
PERSONAL_GENRES = frozenset({"sport", "entertainment"})
_HONORIFICS = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Madam)\.?\s+")
_OWN_VOICE = re.compile(r"^(?:this|our)\s+(?:newspaper|paper|reporter|correspondent|website|publication|magazine)$", re.IGNORECASE)
_SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
_PLURAL_PRONOUNS = {"they", "some", "others", "many", "most", "several", "both", "all", "those", "few", "them"}
_REFERRING_WORDS = _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS | {"it", "its", "i", "we", "you", "me", "us"}
# Words of a name are separated by spaces or a single line break, never by a blank line,
# a line break after a full stop, or a space after a full stop that ends a long word
# ("... for Beijing. Wen-Ti Sung said" is two runs; "Gov. Terry Branstad" is one). A
# particle ("de", "van", "al") joins a name only before another capitalized word.
_NAME_SEPARATOR = r"(?:(?<![a-z]{3}\.)[ \t]+|(?<![.!?])[ \t]*\n(?![ \t]*\n)[ \t]*)"
# A run starts at a capital or at the lower-case opening of a word like "iFlytek"; the
# lookbehind spares a scan from every letter of a lower-case word (a run cannot end right
# before a lower-case letter, so it changes no match of a search over a whole string,
# the only kind made).
_CAPITALIZED_RUN = re.compile(
    rf"(?:[A-Z][\w'’.-]*|(?<![a-z])[a-z]+[A-Z][\w'’.-]*)(?:{_NAME_SEPARATOR}(?:[A-Z][\w'’.-]*|[a-z]+[A-Z][\w'’.-]*|(?:de|da|van|von|bin|al|le|la|del|der|dos|du|ibn)(?=[ \t]+[A-Z])))*"
)
_PREPOSITIONS = {"in", "at", "of", "from", "for", "with", "on", "by", "to", "near"}
_STOP_BEFORE_NAME = _PREPOSITIONS | {"said", "says", "told", "and", "or", "but", "that", "is", "was", "are", "were", "has", "have", "had"}
_CONTRACTION = re.compile(r"['’](?:s|ve|re|d|ll)$", re.IGNORECASE)
# The head of a speaker phrase is its last word before one of these ("the number of
# students", "an economist at the bank", "Yu, who ..."), without trailing adverbs.
_HEAD_STOPS = frozenset(
    "of at from in with for on by to who which that whose as about against over under after before during without "
    "through into across among between despite toward towards via per since until like amid".split()
)
# "Large majorities of the farmers" and "a number of experts" are farmers and experts;
# "the number of students" is a number.
_QUANTITIES = frozenset(
    "majority majorities minority most many some half third thirds quarter quarters fifth fifths "
    "dozens hundreds thousands millions all several few percent cent % none each one two three four five six "
    "seven eight nine ten twelve twenty dozen".split()
)
_CLOSE_TO = re.compile(r"^(?:those|people|sources|aides|allies|friends|officials|someone|one)\s+(?:\w+\s+)?close\s+to\b", re.IGNORECASE)
_APPROXIMATELY = re.compile(r"^(?:at\s+least|at\s+most|about|nearly|almost|roughly|some|more\s+than|fewer\s+than|less\s+than|over|just|only|a\s+mere)\s+", re.IGNORECASE)
_SHARE_OF = re.compile(r"^\w+\s+out\s+of\s+\w+\s+(?=\w)", re.IGNORECASE)
_NAME_PARTICLES = frozenset("de da van von bin al le la del der dos du ibn".split())
_TIME_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today".split())
# Nouns no list knows speak when they name people by what they do: "designers",
# "administrators", "a trainee vicar", "terrorists"; "the phone" and "views" do not.
_AGENTIVE = re.compile(r"(?:er|or|ist|ian|ant|ent|ee|ive|man|men|ary|ic|ar|at|ite|ess|ard|ope|nt)s?$")
# "you" and "one" in reported speech are generic, not a source ("then you pay more").
_NOT_REFERRING = frozenset({"one"})
_LEADING_CONJUNCTIONS = frozenset("and but as so then".split())
# People described by an age or by being polled: "the 46-year-old", "those surveyed".
_GROUP_OF_PEOPLE = re.compile(
    r"^(?:the\s+|a\s+)?\d+-year-old$|^(?:those|people|voters|respondents)\s+(?:surveyed|polled|questioned|asked|interviewed)$"
    r"|^(?:about\s+|nearly\s+|almost\s+|roughly\s+|at\s+least\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+in\s+(?:10|ten|\d+)$",
    re.IGNORECASE,
)
_FINITE_VERBS = frozenset({"VB", "VBD", "VBP", "VBZ", "MD", "TO", "RB"})
_TRAILING_ADVERBS = frozenset("earlier later also too recently yesterday today tonight now then again first afterwards afterward beforehand".split())
_INSTITUTION_NAME = re.compile(r"[A-Z][\w'’.-]*\s+(?:of|for)(?:\s+the)?\s+[A-Z][\w'’.-]*(?:\s+(?:(?:and|of|for|&)(?:\s+the)?\s+)?[A-Z][\w'’.-]*)*\s*$")
# A share of those polled ("59 percent said", "less than a third agreed") speaks for the
# last poll or survey the story reported.
_SHARE_OF_RESPONDENTS = re.compile(r"\b(?:\d+(?:\.\d+)?\s*(?:percent|per\s+cent|%)|thirds?|quarters?|half|fifths?|majority|minority)\b")
_POLL = re.compile(r"\b(?:poll|polls|survey|surveys|pollster|pollsters)\b", re.IGNORECASE)
# "the 64-year-old" refers back to the last person, as "he" or "she" would.
_AGE_EPITHET = re.compile(r"^the\s+\d{1,3}-year-old$")
_POSSESSED = re.compile(r"^(?:[Tt]he\s+)?(.+?)['’]s?\s+(\S.*)$")
# A comma after a name opens an appositive unless a reporting verb or a conjunction follows.
_NOT_APPOSITIVE = r"(?!\s*(?:said|says|told|added|and|but)\b)"
# What a mention of a name says about it right after the name: a bracket, an appositive
# (and a second one that opens with an article: ", Director of the Media Center, a US
# think tank"), "is a ...", or a next sentence that opens "She's a ..." ("Hoff. She's a
# delegate").
_POSSESSIVE_OWNER = re.compile(r"^(his|her|their)\s", re.IGNORECASE)
# A role set off by a comma right before a name: "her senior policy adviser, Jake Sullivan".
_ROLE_SET_OFF_BEFORE = re.compile(r"(?:^|[,;:(]\s*|\b(?:and|but|while)\s+)((?:his|her|their|its|the|a|an)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,4}),\s*$")
# A title's abbreviation does not end a description ("..., Mrs. Clinton's communications director").
_TITLE_PERIOD = r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|St|Jr|Sr)\."
_APPOSITIVE = re.compile(
    r"\s*(?:\(([^()]{1,60})\)|,\s*(" + _NOT_APPOSITIVE + r"(?:" + _TITLE_PERIOD + r"|[^.;,]){1,100}(?:,\s*(?:a|an|the)\s[^.;,]{1,80})?)"
    r"|\s+(?:is|was|has\s+been)\s+((?:a|an|the)\s[^.;,]{1,100})"
    r"|[.!?]\s+(?:She|He)(?:['’]s|\s+is|\s+was)\s+((?:a|an|the)\s[^.;]{1,100}))"
)
# What marks a name as a company's: its shares, profits or chief executive, or what it
# makes or sells ("shares in Volterra", "Volterra's profits", "Hypertag, which makes").
_COMPANY_AFTER = re.compile(
    r"['’]s?\s+(?:(?:former|new|own|top|chief|biggest|main|largest)\s+)?(?:shares?|share\s+price|profits?|pre-tax|sales|revenues?|"
    r"earnings|shareholders|chief\s+executive|boss|customers|subscribers|stock|products|employees|workforce)\b"
    r"|,?\s+(?:which|that)\s+(?:makes|sells|produces|manufactures|owns|operates|provides|supplies|builds|designs|develops)\b"
)
_COMPANY_BEFORE = re.compile(r"\b(?:[Ss]hares|[Ss]takes?)\s+in\s+$")
_NAME_BEFORE_BRACKET = re.compile(r"([A-Z][\w'’.&-]*(?:\s+(?:(?:of|for|and|on|to|the|&)\s+)*[A-Z][\w'’.&-]*)+)\s*\($")
# A reader or viewer quoted by first name and home town ("Andrew in Derby").
_READER = re.compile(r"^[A-Z][a-z]+,?\s+(?:in|from)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$")
_SPEECH_IN_DESCRIPTION = re.compile(r"\b(?:said|says|saying|told|tells|added|adds|adding|argued|argues|arguing|insisted|noted|noting|warned|warning|stressed|explained|believes|believed|thinks|thought)\b")
# A title set off by a comma right before a name ("..., the commission's Executive
# Vice-President for An Economy that Works for People, Valdis Dombrovskis, said").
_TITLE_BEFORE = re.compile(r"(?:^|[.;:!?,]\s+)((?:[Tt]he|[Aa]n?|[A-Z][\w'’-]*['’]s)\s+[^.;:!?,]{3,140}?),\s+$")
# A role that is the subject of a reporting verb ("Amnesty International's chief has said").
_SPEAKS_NEXT = re.compile(r"(?:\s+[^\s,.;:\"“”]+){0,6}?\s+(?:has\s+|have\s+|had\s+)?(?:said|says|told|tells|warned|claimed|argued|announced|admitted|insisted|urged|called|added|confirmed|denied)\b")
# A person described only by home town ("Andrew Fisher, from Omaha, Nebraska") is a lay
# person: officials and experts are described by role.
_HOMETOWN = re.compile(r",\s*(?:from|of)\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)(,\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?\s*,\s*(?:said|says|told|added)\b")
# Research that a named organization no list knows ran ("a survey by Hostway", "Recent
# research by Jupiter"): whoever runs surveys and studies acts as a pollster or a
# research firm.
_RESEARCH_BY = re.compile(r"\b(?:survey|poll|study|research|report|analysis|index|findings)s?,?\s+(?:\w+\s+){0,3}?(?:by|from|of)\s+(?:the\s+)?[A-Z]")
# "Mia Kent of the Harbour Workers Federation": a person and the organization they are of.
_MEMBER_OF = re.compile(r"^((?:[A-Z][\w'’.-]*\s+)+[A-Z][\w'’-]+)\s+((?:of|from|at)\s+.+)$")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
# A run of capitalized words that goes over the end of a sentence ("the Global Times on
# Tuesday. Aimed at ...") is no name.
_POSSESSIVE_END = re.compile(r"(?<=\w)['’]s?$")
_LEADING_THE_WORD = re.compile(r"^(?:The|the)\s+")
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+")
_QUOTE_MARK = re.compile(r"[\"“”]")
_CAPITALIZED_WORD = re.compile(r"\b[A-Z][\w&'’.-]*")
_ADDRESSEE = re.compile(r"\btold\s+(?:the\s+)?([A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})")
_PLURAL_ENDING = re.compile(r"(?:e?s)$")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’']?\s*$")
_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,3}\.")
_BRACKETED_ACRONYM = re.compile(r"\([A-Z][\w&.-]*\)")
# What follows the fullest form of a name that introduces it: an appositive or a participle.
_INTRODUCTION_AFTER = re.compile(r"(?:,\s*" + _NOT_APPOSITIVE + r"|\s+(?=(?:serving|working|from|of|at)\b))((?:" + _TITLE_PERIOD + r"|[^.;]){1,120}?)(?:,\s|[.;]|$)")
# A definite role that is the subject of the next sentence ("The rural affairs minister said").
_ROLE_SUBJECT = re.compile(r"(?:The|the)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+(?=\s+(?:said|says|told|added|has|had|is|was|also|would|will)\b)")
_NAME_AFTER = re.compile(r"\s+(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’-]+")
# Who made a document (``_publishers_in``): a name that is no article or preposition.
_PUBLISHER = r"(?!(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Our|In|On|At|By|For|From|According)\b)([A-Z][\w'’.&-]*(?:[ \t]+(?:(?:of|for|and|on|the|&)[ \t]+)*[A-Z][\w'’.&-]*)*)"
# The maker after the document word, matched right after the word: "a report by the
# IMF", "the study, from the CEPR,", "an email sent by the group's director, Jane Roe".
_PUBLISHER_AFTER = (
    re.compile(rf"(?:e?s)?,?\s+(?:\w+\s+){{0,3}}?(?:by|from|of|for)\s+(?:the\s+)?{_PUBLISHER}"),
    re.compile(rf"(?:e?s)?,?\s+(?:\w+\s+){{0,2}}?(?:by|from)\s+(?:the|its|their|his|her|a|an)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){{0,3}},?\s+{_PUBLISHER}"),
)
# The maker before the document word ("{word}"): "compiled by X, the survey", "the IFS's
# survey", "a Bank of England survey", "the ministry published figures", "the Fed said
# in its latest Beige Book report"; and, for each, what a window must hold for it to
# match (None: nothing in particular).
_PUBLISHER_BEFORE = (
    rf"(?:[Cc]ompiled|[Cc]onducted|[Cc]arried\s+out|[Pp]ublished|[Cc]ommissioned|[Pp]roduced|[Rr]eleased|[Rr]un)\s+by\s+(?:the\s+)?{_PUBLISHER}[^.]{{0,80}}?\b{{word}}",
    rf"{_PUBLISHER}['’]s?\s+(?:[a-z-]+\s+){{0,2}}{{word}}(?:e?s)?\b",
    rf"{_PUBLISHER}\s+(?:[a-z-]+\s+){{0,2}}{{word}}(?:e?s)?\b",
    rf"{_PUBLISHER}\s+(?:has\s+|have\s+|had\s+)?(?:published|released|issued|produced|commissioned|conducted|carried\s+out|compiled|unveiled|put\s+out)\s+(?:\w+\s+){{0,4}}?{{word}}(?:e?s)?\b",
    rf"{_PUBLISHER}[^.]{{0,40}}?\bin\s+(?:its|their|his|her)\s+(?:[\w-]+\s+){{0,3}}{{word}}(?:e?s)?\b",
)
_PUBLISHER_BEFORE_CUES = (
    re.compile(r"(?:[Cc]ompiled|[Cc]onducted|[Cc]arried\s+out|[Pp]ublished|[Cc]ommissioned|[Pp]roduced|[Rr]eleased|[Rr]un)\s+by\s"),
    re.compile(r"['’]s?\s"),
    None,
    re.compile(r"(?:published|released|issued|produced|commissioned|conducted|carried\s+out|compiled|unveiled|put\s+out)\s"),
    re.compile(r"\bin\s+(?:its|their|his|her)\s"),
)


@dataclass
class Speaker:
    """A speaker of a story: its canonical name, the description it was introduced
    with, its source type, and the index of the first sentence it speaks in."""

    name: str
    description: str
    source_type: str
    first_sentence: int
    person: bool
    plural: bool
    typed_by: str = ""


def story_outlet(text: str, outlet: str, codebook: Codebook) -> str | None:
    """Return the canonical name of the story's own outlet: the manifest's ``outlet``
    if given, else the outlet that sources in ``text`` speak to at least twice."""
    if outlet:
        return codebook.outlet(outlet) or outlet
    counts = Counter(filter(None, (codebook.outlet(m.group(1)) for m in _ADDRESSEE.finditer(text))))
    if counts:
        name, count = counts.most_common(1)[0]
        if count >= 2:
            return name
    return None


def resolve_story(
    text: str,
    sentences: list[Sentence],
    attributions: list[Attribution],
    codebook: Codebook,
    outlet: str = "",
) -> tuple[list[Speaker | None], list[Speaker]]:
    """Return the speaker of each sentence (None for the narrator and headings) and the
    story's speakers in order of first appearance. The story's own outlet, when it
    speaks, is returned as a speaker of type ``narrator``."""
    story_text = text[sentences[0].start : sentences[-1].end] if sentences else ""
    own = story_outlet(story_text, outlet, codebook)
    headings = [(s.start - sentences[0].start, s.end - sentences[0].start) for s in sentences if s.is_heading]
    genre = codebook.genre(" ".join(text[s.start : s.end] for s in sentences if not s.is_heading and not s.is_boilerplate))
    starts = [s.start - sentences[0].start for s in sentences]
    registry = _Registry(story_text, codebook.for_genre(genre), own, headings, genre, starts)
    speakers: list[Speaker | None] = [None] * len(attributions)
    for index, attribution in enumerate(attributions):
        if attribution.speaker is not None:
            offset = sentences[index].start + attribution.speaker_at - sentences[0].start
            speakers[index] = registry.resolve(attribution.speaker, attribution.description, index, offset)
    for index in range(len(attributions)):
        seen = set()
        target = index
        while speakers[target] is None and attributions[target].link is not None and target not in seen:
            seen.add(target)
            link = attributions[target].link
            assert link is not None
            target = link
        speakers[index] = speakers[target]
    return speakers, registry.speakers


class ProperNouns:
    """The common English words that a story writes capitalized inside its sentences,
    after a lower-case word or a comma, as names ("comic book company Marvel",
    "retailer Next"): there they name someone ("Marvel said it would appeal"). Found only
    when first asked about, since most stories never need them."""

    def __init__(self, text: str, sentences: Sequence[Sentence]):
        self._text, self._sentences = text, sentences
        self._found: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._found is None:
            found = set()
            for sentence in self._sentences:
                if sentence.is_heading or sentence.is_boilerplate:
                    continue
                for match in _INNER_CAPITALIZED.finditer(self._text, sentence.start, sentence.end):
                    candidate = match.group(1)
                    if candidate.lower() in lexicon and lexicon.get(candidate) != "NNP":
                        found.add(candidate)
            self._found = frozenset(found)
        return word in self._found


def proper_nouns(text: str, sentences: Sequence[Sentence]) -> ProperNouns:
    """The story's common words written as names (``ProperNouns``), found when needed."""
    return ProperNouns(text, sentences)


_INNER_CAPITALIZED = re.compile(r"(?<=[a-z0-9,])\s+([A-Z][a-z]{2,})\b(?![\w'’-])")


def names_someone(phrase: str, codebook: Codebook, proper: ProperNouns | frozenset[str] = frozenset()) -> bool:
    """True when ``phrase`` can name a speaker: a pronoun ("he", "they", "he's"), or a
    noun phrase whose head (its last word before any preposition, bracket or clause,
    trailing adverbs dropped) is a codebook term (a role, an organization, a document,
    an outlet, a state), a proper name, or a noun not listed in ``not_speakers.csv``
    ("the number of students" and "1.8 percent" do not speak; "Large majorities of the
    farmers" are farmers). A phrase with a finite verb, an adverb or a pronoun after its
    first word is no noun phrase ("far too canny to make", "set out the choices he").
    Parts of speech come from TextBlob's offline Pattern tagger and lexicon: a single
    capitalized word is a name unless it is a known common word ("Yukos", not "But"),
    or one of ``proper``, the words the story writes as names (``proper_nouns``)."""
    if _names_someone(phrase, codebook):
        return True
    word = phrase.strip()
    return word[:1].isupper() and " " not in word and word in proper


@lru_cache(maxsize=16384)
def _names_someone(phrase: str, codebook: Codebook) -> bool:
    words = _phrase_words(phrase)
    if not words or words[-1].lower() in _NOT_REFERRING:
        return False
    joined = " ".join(words)
    if len(words) == 1 and words[0].lower() in _REFERRING_WORDS or _CLOSE_TO.match(joined) or _GROUP_OF_PEOPLE.match(joined):
        return True
    if all(word.lower() in _QUANTITIES | {"a", "the", "an"} for word in words) and words[-1].lower() in _QUANTITIES or [word.lower() for word in words] == ["a", "number"]:
        return True
    head_words: list[str] = []
    for position, word in enumerate(words):
        bare = _CONTRACTION.sub("", word.strip(",;:()"))
        if bare.lower() == "of" and head_words and _counts_people(head_words):
            return _names_someone(" ".join(words[position + 1 :]), codebook)
        if bare.lower() in _HEAD_STOPS or word.startswith("("):
            break
        head_words.append(bare)
        if word.endswith((",", ";", ":")):
            break
    if not head_words or not head_words[-1]:
        return False
    if _names_by_head(head_words, codebook):
        return True
    first = head_words[0] if len(head_words) == 1 or head_words[0].isupper() else head_words[0].lower()
    tagged = tag_words(" ".join([first, *head_words[1:]]))
    while len(tagged) > 1 and tagged[0][1] == "RB" and tagged[1][1] in ("DT", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS"):
        tagged, head_words = tagged[1:], head_words[1:]
    for index in range(1, min(len(tagged), len(head_words))):
        postmodifier = tagged[index][1] in ("RB", "VBN", "VBG") or (
            tagged[index][1] == "JJ" and (index + 1 >= len(tagged) or not tagged[index + 1][1].startswith("NN"))
        )
        if postmodifier and tagged[index - 1][1].startswith("NN") and head_words[index].islower():
            return _names_someone(" ".join(head_words[:index]), codebook)
    while len(head_words) > 1 and head_words[-1].lower() in _TRAILING_ADVERBS:
        head_words.pop()
    return _head_names_someone(head_words, [tag for _, tag in tagged], codebook)


def _names_by_head(head_words: list[str], codebook: Codebook) -> bool:
    """True when the head of a speaker phrase names someone without any need of parts
    of speech: a pronoun, a quantity of people, a handle, a codebook term at the head,
    or two capitalized words at the end."""
    head = head_words[-1]
    if len(head_words) == 1 and head.lower() in _REFERRING_WORDS or head.startswith("@"):
        return True
    if head.lower() in _QUANTITIES and not any(char.isdigit() for word in head_words for char in word):
        return True
    span = " ".join(head_words)
    terms = [m for m in codebook.evidence(span) if m.term.kind != "place"]
    return any(m.end > len(span) - len(head) for m in terms) or (bool(terms) and head[:1].isupper()) or codebook.is_state(head)


def _head_names_someone(head_words: list[str], tags: list[str], codebook: Codebook) -> bool:
    """Whether the head of a speaker phrase, its last word, names someone (see
    ``names_someone``); ``tags`` are the parts of speech of ``head_words``."""
    head = head_words[-1]
    if _names_by_head(head_words, codebook):
        return True
    if len(head_words) > 1 and all(word[:1].isupper() for word in head_words[-2:]) and not head_words[-2].endswith(","):
        lower = [word for word in head_words if not word[:1].isupper()]
        if not lower or not any(tag in _FINITE_VERBS or tag in ("VBN", "VBG") for _, tag in tag_words(" ".join(lower))):
            return True
    singular = _PLURAL_ENDING.sub("", head.lower())
    if {head.lower(), singular} & codebook.not_speakers:
        return False
    if not tags or any(tag in _FINITE_VERBS for tag in tags) or "PRP" in tags[1:]:
        return False
    if len(tags) > 1 and tags[0] == "VBG" and (tags[1].startswith("NN") or tags[1] in ("DT", "PRP$")):
        return False
    if head[:1].isupper() and (len(head_words) > 1 and head_words[-2][:1].isupper() or head.isupper() or head.lower() not in lexicon or tags[-1].startswith("NNP")):
        return True
    return bool(_AGENTIVE.search(singular)) and tags[-1] in ("NN", "NNS", "NNP", "NNPS", "JJ")


def _phrase_words(phrase: str) -> list[str]:
    """The words of a speaker phrase without an approximation ("about"), a share ("two
    out of three"), contractions, a leading conjunction or a trailing time phrase
    ("the Supreme Court this month")."""
    phrase = TRAILING_TIME.sub("", _SHARE_OF.sub("", _APPROXIMATELY.sub("", phrase.strip())))
    words = _CONTRACTION.sub("", phrase).split()
    while len(words) > 1 and words[0].lower() in _LEADING_CONJUNCTIONS:
        words = words[1:]
    return words


def _counts_people(words: list[str]) -> bool:
    """True when ``words`` end in a quantity that "of" people follow ("majorities",
    "a number", "40"), not "the number"."""
    last = words[-1].lower()
    return last in _QUANTITIES or last.replace(",", "").isdigit() or [word.lower() for word in words[-2:]] == ["a", "number"]



class _Registry:
    """The speakers met so far in one story, for resolving later mentions."""

    def __init__(
        self, story_text: str, codebook: Codebook, own_outlet: str | None, headings: Sequence[tuple[int, int]] = (),
        genre: str | None = None, sentence_starts: Sequence[int] = (),
    ):
        self.text = story_text
        self.genre = genre
        self.sentence_starts = list(sentence_starts)
        self.headings = sorted(headings)
        self.heading_starts = [start for start, _ in self.headings]
        self.codebook = codebook
        self.own_outlet = own_outlet
        self.speakers: list[Speaker] = []
        self.recent: list[Speaker] = []
        self.recent_offsets: list[int] = []
        self._runs: list[re.Match[str]] | None = None
        self._resolved: dict[tuple[str, str | None], Speaker] = {}
        self._runs_with: dict[str, list[re.Match[str]]] = {}
        self._introductions: dict[str, tuple[str, str]] = {}
        self._story_types: dict[str, str | None] = {}
        self._initials: dict[str, str] | None = None
        self._typing: set[str] = set()
        self._index = self._offset = 0
        self._sentence_ends: list[int] | None = None

    def runs(self) -> list[re.Match[str]]:
        """The runs of capitalized words in the story (names, titles) outside its
        headings, whose title case joins words that are no name ("Clinton Wades Into
        Brexit Debate"), found once and indexed by word in ``_runs_with``."""
        if self._runs is None:
            self._runs = [run for run in _CAPITALIZED_RUN.finditer(self.text) if not self._in_heading(run.start())]
            for run in self._runs:
                for word in set(_name_words(run.group())):
                    self._runs_with.setdefault(word, []).append(run)
        return self._runs

    def floor(self, at: int) -> int:
        """Where the sentence (or heading) that holds offset ``at`` starts: words that
        describe a name never reach back over it into a headline or the sentence before
        ("Hodgson shoulders England blame" is no description of the fly-half that the
        next sentence names). The start of the line, too, for a story read without its
        sentences."""
        before = bisect_right(self.sentence_starts, at) - 1
        line = self.text.rfind("\n", 0, at) + 1
        return max(self.sentence_starts[before] if before >= 0 else 0, line)

    def _in_heading(self, at: int) -> bool:
        """True when offset ``at`` falls in one of the story's headings."""
        before = bisect_right(self.heading_starts, at) - 1
        return before >= 0 and at < self.headings[before][1]

    def sentence_ends(self) -> list[int]:
        """Where each sentence of the story ends, after its closing mark and the space
        that follows it, found once."""
        if self._sentence_ends is None:
            self._sentence_ends = [m.end() for m in _SENTENCE_BREAK.finditer(self.text)]
        return self._sentence_ends

    def resolve(self, phrase: str, description: str | None, index: int, offset: int) -> Speaker:
        """Return the speaker that ``phrase`` (in sentence ``index``, at ``offset`` in
        the story) refers to, adding a new one when it names someone new. A name or
        description that is not a pronoun refers to the same speaker every time."""
        key = (phrase, description)
        if key in self._resolved:
            speaker = self._resolved[key]
        else:
            speaker = self._find(phrase, description, index, offset)
            if phrase.lower() not in _REFERRING_WORDS:
                self._resolved[key] = speaker
        self.recent.append(speaker)
        self.recent_offsets.append(offset)
        return speaker

    def _find(self, phrase: str, description: str | None, index: int, offset: int) -> Speaker:
        """Resolve ``phrase`` to a speaker: pronoun, description, organization, person or new speaker."""
        self._offset = offset
        if _CONTRACTION.sub("", phrase).lower() in _REFERRING_WORDS:
            phrase = _CONTRACTION.sub("", phrase)
        lower = phrase.lower()
        if self._is_own_voice(phrase):
            return self._add(self.own_outlet or phrase, phrase, "narrator", index, person=False, plural=False)
        if lower in _SINGULAR_PRONOUNS:
            found = self._last(lambda s: s.person and not s.plural)
            if found:
                return found
        if lower in _PLURAL_PRONOUNS:
            found = self._last(lambda s: s.plural)
            if found:
                return found
        if lower in {"it", "its"}:
            named = self._organization_in_sentence_before(offset)
            if named:
                return self._find(named, None, index, offset)
            found = self._last(lambda s: not s.person)
            if found:
                return found
        if lower in _REFERRING_WORDS:
            found = self._last(lambda s: True)
            if found:
                return found
        if lower in _SINGULAR_PRONOUNS or lower in {"it", "its"}:
            named = self._named_before(offset, person=lower in _SINGULAR_PRONOUNS)
            if named:
                return self._find(named, None, index, offset)
        if _SHARE_OF_RESPONDENTS.search(lower) and len(lower.split()) <= 6:
            found = self._last(lambda s: bool(_POLL.search(f"{s.name} {s.description}")))
            if found:
                return found
        if _AGE_EPITHET.match(lower) or (len(phrase.split()) == 2 and lower.startswith("the ") and self.codebook.is_demonym(phrase)):
            found = self._last(lambda s: s.person and not s.plural)
            if found:
                return found
            named = self._named_before(offset, person=True)
            if named:
                return self._find(named, None, index, offset)
        acronym = _strip_determiners(phrase)
        expanded = self._expand_acronym(acronym)
        if expanded:
            listed = self.codebook.classify(acronym) if self.codebook.organizations(acronym) else None
            if listed:  # the codebook knows the acronym ("CNSA"): its type, under the full name
                return self._add(expanded, description or phrase, listed, index, person=False, plural=False)
            return self._find(expanded, description, index, offset)
        words = lower.split()
        if words and words[0] == "the" and len(words) <= 3 and phrase.split()[-1].islower():
            head = words[-1].rstrip("s")
            person = self.codebook.names_person(phrase)
            found = self._last(lambda s: s.person == person and (head in s.description.lower() or head in s.name.lower()))
            if found:
                return found
            if person and not words[-1].endswith("s"):
                named = self._named_before(offset, person=True, since=self.floor(self.floor(offset) - 1))
                if named:
                    return self._find(named, phrase, index, offset)
        possessed = _POSSESSED.match(phrase)
        if possessed and self._is_thing(possessed.group(2)):
            return self._find(possessed.group(1), None, index, offset)
        if len(words) <= 2 and (len(words) == 1 or words[0] == "the"):
            named = self._organization_before(phrase, offset)
            if named:
                return self._add(named, phrase, None, index, person=False, plural=False)
        member = _MEMBER_OF.match(phrase)
        if member and self._person_name(member.group(1))[0]:
            phrase, description = member.group(1), ", ".join(filter(None, [member.group(2), description]))
        name, titles = self._person_name(phrase)
        if name:
            existing = self._same_person(name)
            if existing:
                return existing
            full, context = self._introduction(name)
            described = _join_unique([titles, description or context])
            return self._add(full, described, None, index, person=True, plural=False, offset=offset)
        canonical = _strip_determiners(phrase)
        described = ", ".join(filter(None, [phrase, description]))
        owner = self._owner_before(phrase, offset) if self._classify(described) is None and not _POSSESSIVE_OWNER.match(phrase) else None
        owner_type = None
        if owner:
            described = f"{described}, {owner}"
            if self._is_thing(phrase):
                canonical = f"{canonical} by {owner}"
                if self._classify(described) is None and self._person_name(owner)[0]:
                    owner_type = self._find(owner, None, index, offset).source_type
        for speaker in self.speakers:
            if speaker.name.lower() == canonical.lower():
                return speaker
        person = self.codebook.names_person(phrase)
        return self._add(canonical, described, owner_type, index, person=person, plural=_looks_plural(canonical))

    def _organization_in_sentence_before(self, offset: int) -> str | None:
        """For "it", an organization named in the sentence right before the one at
        ``offset`` when no speaker was met there or since: the nearer antecedent ("X
        said ... The NIESR report was optimistic. It said ..." is NIESR)."""
        ends = [end for end in self.sentence_ends() if end <= offset]
        if not ends:
            return None
        start = ends[-2] if len(ends) > 1 else 0
        if any(start <= spoke < offset for spoke in self.recent_offsets):
            return None
        for run in reversed([run for run in self.runs() if start <= run.start() and run.end() <= ends[-1]]):
            name = _CONTRACTION.sub("", _strip_determiners(run.group()))
            common_word = " " not in name and name.lower() in lexicon
            if not common_word and self._is_organization_name(name):
                return name
        return None

    def _expand_acronym(self, name: str) -> str | None:
        """The full name that the story gives an acronym ("Robert Koch Institute (RKI)",
        or the initials of a name it writes out: "Asian Football Confederation" for
        "AFC"), so that an organization is one speaker under its full name."""
        if not (2 <= len(name) <= 8 and name.isupper() and name.isalpha()) or self.codebook.outlet(name) or self.codebook.is_state(name):
            return None
        for at in _find_all(self.text, f"({name})"):
            defined = _NAME_BEFORE_BRACKET.search(self.text, max(0, at - 160), at + 1)
            if defined and "".join(word[0] for word in defined.group(1).split() if word[:1].isupper()).endswith(name[:1]):
                return _LEADING_THE_WORD.sub("", defined.group(1))
        if len(name) >= 3:
            if self._initials is None:
                self._initials = {}
                for run in _NAME_RUN.finditer(self.text):
                    initials = "".join(word[0] for word in _LEADING_THE_WORD.sub("", run.group()).split() if word[:1].isupper())
                    if len(initials) >= 3:
                        self._initials.setdefault(initials, run.group())
            full = self._initials.get(name)
            if full and len(full.split()) > 1:
                return _LEADING_THE_WORD.sub("", full)
        return None

    def _named_before(self, offset: int, person: bool, since: int = 0) -> str | None:
        """For "he" or "it" with no speaker before to refer to: the nearest person (or
        organization) named before ``offset`` in the story (after ``since``). A definite
        description of a person that no speaker before fits ("..., the comedian has told
        BBC News") refers the same way, within its sentence and the one before."""
        for run in reversed([run for run in self.runs() if since <= run.start() and run.end() <= offset]):
            if person:
                name, _ = self._person_name(run.group())
                if name and len(run.group().split()) > 1 and not self.codebook.is_state(name):
                    return _POSSESSIVE_END.sub("", run.group())
            elif self._is_organization_name(run.group()):
                return run.group()
        return None

    def _owner_before(self, phrase: str, offset: int) -> str | None:
        """For a speaker the codebook cannot type on its own, the organization it
        belongs to: for a document ("the report", "figures"), whoever the story says
        published it; for a role that defers to its organization ("a spokesman"), the
        nearest organization the story names before ``offset``, as also for a definite
        document ("the report") whose publisher the story does not say. An indefinite
        document takes its publisher from the next sentences (``_publisher_after``)."""
        roles = [m for m in self.codebook.matcher.find(phrase) if m.term.kind == "role"]
        if not roles or not roles[-1].term.defers:
            return None
        if not roles[-1].term.person:
            publisher = self._publisher_before(roles[-1].term.text, offset)
            if publisher:
                return publisher
            if not phrase.lower().startswith(("the ", "these ", "those ", "this ")):
                return self._publisher_after(offset)
        for run in reversed([run for run in self.runs() if run.end() <= offset]):
            if self._is_organization_name(run.group()) and not self._is_own_voice(run.group()) and not (
                self.own_outlet and self.codebook.outlet(run.group()) == self.own_outlet
            ):
                return run.group()
        return None

    def _publisher_before(self, document: str, offset: int) -> str | None:
        """The organization or person that the story, up to the end of the sentence at
        ``offset``, says made the nearest ``document`` ("a report by the IMF", "the
        study, from the CEPR,", "an email sent by the group's director, Jane Roe", "compiled by X, the survey", "the IFS's survey", "a Bank
        of England survey", "the ministry published figures", "the Fed said in its
        latest Beige Book report"): the nearest such mention whose maker the codebook
        can type, else the nearest."""
        sentence_end = _SENTENCE_END.search(self.text, offset)
        text = self.text[: sentence_end.start() if sentence_end else len(self.text)]
        matches: list[tuple[int, str]] = []
        for mention in re.finditer(rf"\b{re.escape(document)}", text):
            window_start = max(0, mention.start() - 160)
            window = text[window_start : mention.end() + 120]
            matches.extend((window_start + found.end(), _name_run(found.group(1))) for found in _publishers_in(window, document))
        matches.sort(key=lambda found: -found[0])
        typed = [found for found in matches if self._classify(found[1])]
        ranked = typed or matches
        return ranked[0][1] if ranked else None

    def _lede_end(self) -> int:
        """Where the story's lede ends: its first paragraph that ends a sentence (a
        headline above it does not)."""
        for paragraph in _PARAGRAPH.finditer(self.text):
            if _ENDS_SENTENCE.search(paragraph.group()):
                return paragraph.end()
        return len(self.text)

    def _publisher_after(self, offset: int) -> str | None:
        """The publisher that the next sentence in the same paragraph gives for a
        document ("A report last month showed ... Compiled by X, the survey found"); for
        a document in the lede, the next two sentences ("..., research suggests. A survey
        of 280 schemes by IDS said"), else the first organization they name or introduce
        by a role ("said market analyst Datamonitor")."""
        ends = [end for end in self.sentence_ends() if end > offset]
        if not ends:
            return None
        window_start, window_end = ends[0], ends[2] if len(ends) > 2 else len(self.text)
        lede = offset < self._lede_end()
        if not lede:
            paragraph_end = self.text.find("\n\n", offset)
            window_end = min(ends[1] if len(ends) > 1 else len(self.text), paragraph_end if paragraph_end >= 0 else len(self.text))
        for word in DOCUMENT_WORDS:
            publisher = self._publisher_before(word, window_end - 1)
            if publisher and self.text.find(publisher, window_start, window_end) >= 0:
                return publisher
        if not lede:
            return None
        for run in self.runs():
            name = _strip_determiners(run.group())
            if not window_start <= run.start() < window_end or name.lower() in DETERMINERS:
                continue
            if self._is_organization_name(name):
                return name
            introduced = f"{_words_before(self.text, run.start(), self.floor(run.start()))} {name}".strip()
            if introduced != name and self._classify(introduced):
                return introduced
        return None

    def _is_thing(self, phrase: str) -> bool:
        """True when ``phrase`` is headed by a document or a unit ("letter", "legal
        department"), which belongs to whoever owns it."""
        roles = [m for m in self.codebook.matcher.find(phrase) if m.term.kind == "role"]
        if roles and roles[-1].term.source_type == MEDIA:
            return False  # "Uganda's New Vision newspaper" speaks for itself
        return bool(roles) and not roles[-1].term.person and roles[-1].end >= len(phrase.rstrip(" ."))

    def _organization_before(self, phrase: str, offset: int) -> str | None:
        """For "the company" or "the ministry", return the nearest organization named
        before ``offset`` in the story whose type is the one the description implies;
        except for a company, the name must contain the word ("the ministry" is the
        "Ministry of Commerce", never "the GOP"); "the Bank" with a capital is the
        nearest name that has "Bank" in it ("the Bank of England")."""
        head = phrase.split()[-1]
        if head[:1].isupper() and phrase.lower().startswith("the ") and head in self.codebook.heads:
            for match in reversed([run for run in _NAME_RUN.finditer(self.text, 0, offset) if head in run.group().split()]):
                if len(match.group().split()) > 1 and self.codebook.classify(match.group()):
                    return match.group()
            return None
        bodies = [m for m in self.codebook.matcher.find(phrase) if m.term.kind == "organization" or (m.term.kind == "role" and not m.term.person)]
        if not bodies or not bodies[0].term.text.islower() or not head.islower():
            return None
        wanted = bodies[0].term.source_type
        word = bodies[0].term.text
        for match in reversed([run for run in self.runs() if run.end() <= offset]):
            named = self.codebook.organizations(match.group())
            if not named or named[0].term.text.islower() or self.codebook.classify(match.group()) != wanted:
                continue
            if wanted == "business" or word in match.group().lower():
                return _strip_determiners(match.group()) if named[0].term.text in self.codebook.heads else named[0].term.text
        return None

    def _is_own_voice(self, phrase: str) -> bool:
        """True when ``phrase`` names the story's own outlet or "this newspaper"."""
        if _OWN_VOICE.match(phrase.strip()):
            return True
        if not self.own_outlet:
            return False
        outlet = self.codebook.outlet(phrase)
        return outlet == self.own_outlet or _strip_determiners(phrase).lower() == self.own_outlet.lower()

    def _last(self, test) -> Speaker | None:
        """The most recent speaker (not the narrator) that passes ``test``."""
        for speaker in reversed(self.recent):
            if speaker.source_type != "narrator" and test(speaker):
                return speaker
        return None

    def _person_name(self, phrase: str) -> tuple[str | None, str]:
        """Return the personal name in ``phrase`` and the titles before it ("Chinese
        President Xi Jinping" gives "Xi Jinping" and "Chinese President"). A phrase that
        ends in capitalized words joined by "of" or "for" (and "and") names an institution
        ("Institute of Marine and Coastal Research"), not a person."""
        phrase = _HONORIFICS.sub("", phrase.strip())
        if self.codebook.outlet(phrase) or self._ends_with_organization(phrase) or _INSTITUTION_NAME.search(phrase):
            return None, ""
        runs = list(_CAPITALIZED_RUN.finditer(phrase))
        if not runs or runs[-1].end() < len(phrase.rstrip(" .")):
            return None, ""
        run = runs[-1]
        words = run.group().split()
        titles_before = phrase[: run.start()].strip()
        if titles_before.split() and titles_before.split()[-1].lower() in _PREPOSITIONS:
            return None, ""
        roles = [m for m in self.codebook.matcher.find(run.group()) if m.term.kind in ("role", "place", "organization")]
        if roles and all(m.term.kind == "organization" for m in roles):
            return None, ""
        if roles and run.group()[max(match.end for match in roles) :].split():
            cut = max(match.end for match in roles)
            titles_before = (titles_before + " " + run.group()[:cut]).strip()
            words = run.group()[cut:].split()
        if self.codebook.person(" ".join(words), self.text) is None:
            words = [word for word in words if not _ABBREVIATION.fullmatch(word)] or words
        while len(words) > 1 and (words[0].lower() in SENTENCE_STARTERS or words[0].lower() in _TIME_WORDS or (words[0].isupper() and len(words[0]) > 2 and not words[-1].isupper())):
            words = words[1:]
        while len(words) > 1 and _title_word(words[0]):
            titles_before = f"{titles_before} {words[0]}".strip()
            words = words[1:]
        if len(words) > 1 and words[-1].endswith(".") and len(words[-1]) > 4:
            words[-1] = words[-1][:-1]
        if len(words) == 1 and (words[0] in self.codebook.heads or not _POSSESSIVE_WORD.search(words[0]) and _title_word(words[0])):
            return None, ""  # "Marvel", "Arsenal": a common word written as a name names a body
        while len(words) > 1 and words[-1] in _NAME_PARTICLES:
            words = words[:-1]
        for position in range(1, len(words)):
            if lexicon.get(words[position].lower(), "") in ("VBG", "IN", "CC", "DT"):
                words = words[:position]
                break
        if not words or not is_name_chunk(" ".join(words)):
            return None, ""
        if titles_before and not titles_before[:1].isupper() and len(titles_before.split()) > 6:
            return None, ""
        return " ".join(words), titles_before

    def _ends_with_organization(self, phrase: str) -> bool:
        """True when ``phrase`` ends with an organization or outlet the codebook knows,
        or a name of several words that its head types ("China National Space
        Administration" is no Mr Administration)."""
        matches = self.codebook.matcher.find(phrase)
        if matches and matches[-1].term.kind in ("organization", "outlet") and matches[-1].end >= len(phrase.rstrip(" .")) - 1:
            return True
        shaped = [m for m in self.codebook.organizations(phrase) if m.term.kind == "shaped"]
        return bool(shaped) and shaped[-1].end >= len(phrase.rstrip(" .")) - 1 and len(shaped[-1].term.text.split()) > 1

    def _same_person(self, name: str) -> Speaker | None:
        """An earlier person whose name contains ``name``, or is contained in it."""
        tokens = set(name.split())
        for speaker in reversed(self.speakers):
            if speaker.person and (tokens <= set(speaker.name.split()) or set(speaker.name.split()) <= tokens):
                return speaker
        return None

    def _introduction(self, name: str) -> tuple[str, str]:
        """Find the fullest form of ``name`` in the story and the words that introduce
        it: up to six words before it in its clause, and an appositive or participle
        after it ("..., a professor at X", "... serving as the first dean"), or a role
        set off before it ("her senior policy adviser, Jake Sullivan, said"). A fuller
        form adds at most one word after the name ("Yan" is "Yan Wei"), so that a
        title-case headline ("Howard Dean Tells Democratic Convention") is no name."""
        if name not in self._introductions:
            self._introductions[name] = self._find_introduction(name)
        return self._introductions[name]

    def _find_introduction(self, name: str) -> tuple[str, str]:
        listed = self.codebook.person(name, self.text)
        if listed:
            return listed.name, ""
        best = None
        wanted = name.split()
        self.runs()
        for match in self._runs_with.get(wanted[0], []):
            words = _name_words(match.group())
            if not set(wanted) <= set(words) or len(words) - 1 - max(words.index(word) for word in wanted) > 1:
                continue
            if best is None or len(match.group()) > len(best.group()):
                best = match
        if best is None:
            return name, ""
        full, titles = self._person_name(_name_run(best.group()))
        floor = self.floor(best.start())
        before = _words_before(self.text, best.start(), floor)
        set_off = _ROLE_SET_OFF_BEFORE.search(self.text, max(floor, best.start() - 80), best.start())
        if not before and set_off:
            before = set_off.group(1)
        after = ""
        follows = _INTRODUCTION_AFTER.match(self.text, best.end())
        if follows:
            after = follows.group(1)
        return (full or name), " ".join(filter(None, [before, titles, after])).strip()


    def _add(
        self, name: str, description: str, source_type: str | None, index: int, person: bool, plural: bool, offset: int | None = None
    ) -> Speaker:
        """Return the speaker named ``name``, adding and typing it if new (a person
        met at ``offset`` in the story)."""
        for speaker in self.speakers:
            if speaker.name == name:
                return speaker
        if source_type is None:
            self._index = index
            source_type, typed_by = self._type(name, description, person, offset)
        else:
            typed_by = "" if source_type in ("narrator", FALLBACK_TYPE) else "story"
        speaker = Speaker(name, description, source_type, index, person, plural, typed_by)
        self.speakers.append(speaker)
        return speaker

    def _type(self, name: str, description: str, person: bool, offset: int | None = None) -> tuple[str, str]:
        """Type a new speaker: a listed person, a state, or a reader quoted by first name
        and town ("Andrew in Derby", public) or a person described only by home town
        ("from Omaha, Nebraska", public); a person described by a role that a pronoun
        owns ("her adviser") as the person it refers to; else its description, else the
        words around its other mentions in the story; for a person, else the group named
        before it, a "Dr" title, or the organization named before ``offset`` when its
        role defers ("a spokesman"); for research by an organization no list knows,
        ``analyst``; in a story of a genre whose people speak in their own name (sport,
        entertainment and culture: ``PERSONAL_GENRES``), a person nothing else types is
        ``public``; else the fallback. Returns the type and what typed it (``TYPED_BY``):
        ``codebook`` (a listed person or state), ``story`` (the story's words), ``genre``
        (the story's genre alone), or "" (unclassified, narrator)."""
        listed = self.codebook.person(name, self.text)
        if listed:
            return listed.source_type, "codebook"
        if _READER.match(name) or (person and self._from_hometown(name) and not self.codebook.evidence(description or "")):
            return "public", "story"
        if self.codebook.is_state(name):
            return "official", "codebook"
        owner_type = self._possessor_type(description, self._offset, self._index) if person else None
        if owner_type:
            return owner_type, "story"
        own = name if person and " " in name else ""
        found = self._classify(f"{name}, {_before_speech(description)}", own)
        if found is None and name[:1].isupper():
            found = next(filter(None, (self._classify(f"{name}, {_before_speech(context)}", own) for context in self._mentions(name, person))), None)
        if found is None and person:
            described = any(m.term.kind == "role" for m in self.codebook.matcher.find(description or ""))
            found = self._role_near(name) or (None if described else self._group_before(name)) or self._doctor(name)
        if found is None and person and offset is not None and description:
            owner = self._owner_before(description, offset)
            found = self._classify(owner) if owner else None
        if found is None and not person and _RESEARCH_BY.search(description or ""):
            found = "analyst"
        if found in ("other_media", "western_media") and self.own_outlet and self.codebook.outlet(description) == self.own_outlet:
            return "narrator", ""
        if found:
            return found, "story"
        if person and self.genre in PERSONAL_GENRES and self._named_person(name) and not self._described(name, description):
            return "public", "genre"
        return FALLBACK_TYPE, ""

    def _described(self, name: str, description: str) -> bool:
        """True when the story describes ``name`` by a role or an organization, in its
        description or around any mention ("3 spokesperson Belinda Henderson" is a
        spokesperson of an organization the codebook does not know, not a performer)."""
        return any(m.term.kind in ("role", "organization", "outlet", "shaped") for text in [description, *self._mentions(name, True)] for m in self.codebook.evidence(text or ""))

    def _named_person(self, name: str) -> bool:
        """True when ``name`` is a person's name: capitalized words that are no state, no
        nationality ("the Spaniard") and no common English word."""
        words = name.split()
        if not words or not all(word[:1].isupper() for word in words) or self.codebook.is_state(name) or self.codebook.is_demonym(name):
            return False
        if self.codebook.evidence(name):
            return False  # "Hollywood Reporter", "Bookmakers Ladbrokes": a role, a body or an outlet, no person
        return len(words) > 1 or (name.lower() not in lexicon and not name.isupper())

    def _possessor_type(self, description: str, offset: int | None = None, index: int = 0) -> str | None:
        """For a role that defers, owned by a pronoun and naming no organization ("her
        senior policy adviser", "his lawyer"), the type of the person the pronoun refers
        to: the last person (or, for "their", group) who spoke, else for "his" or "her"
        the person named last before ``offset`` (a lawyer speaks for the client the story
        has just named, codebook Genres: law), when typed."""
        owner = _POSSESSIVE_OWNER.match(description or "")
        if not owner:
            return None
        matches = self.codebook.matcher.find(description)
        roles = [m for m in matches if m.term.kind == "role"]
        if not roles or not roles[-1].term.defers or any(m.term.kind in ("organization", "outlet", "shaped") for m in matches):
            return None
        plural = owner.group(1).lower() == "their"
        referent = self._last(lambda s: s.person and s.plural == plural)
        if referent is None and not plural and offset is not None:
            named = self._named_before(offset, person=True)
            if named and named not in self._typing:
                self._typing.add(named)
                referent = self._find(named, None, index, offset)
                self._typing.discard(named)
        if referent is None or referent.source_type in ("unclassified", "narrator"):
            return None
        return referent.source_type

    def _classify(self, description: str, name: str = "") -> str | None:
        """Type ``description`` by the codebook, with the organizations that the story
        names more fully elsewhere as evidence too ("PC Pro" after "PC Pro Magazine",
        "USTC" after "University of Science and Technology of China (USTC)") when the
        description has a capitalized word the codebook does not know. The person's own
        ``name`` that opens the description is no evidence ("Howard Dean" is no dean)."""
        skip = len(name) if name and description.startswith(name) else 0
        description = " " * skip + description[skip:]
        covered = self.codebook.evidence(description)
        unknown_names = any(
            not any(m.start <= word.start() < m.end for m in covered) for word in _CAPITALIZED_WORD.finditer(description, skip)
        )
        known = tuple((run, kind) for run in self._unknown_names(description, skip, covered) if (kind := self.story_type(run))) if unknown_names else ()
        return self.codebook.classify(description, known)

    def _unknown_names(self, description: str, skip: int, covered) -> list[str]:
        """The runs of capitalized words in ``description`` (after ``skip``) that no
        codebook term covers ("PC Pro", "CWA"), without a determiner that opens them
        ("The" of "The email" names nothing)."""
        runs = []
        for run in _NAME_RUN.finditer(description, skip):
            words = run.group().split()
            while words and words[0].lower() in DETERMINERS:
                words.pop(0)
            if words and not any(m.start <= run.start() < m.end for m in covered):
                runs.append(" ".join(words))
                runs.extend(word for word in words if len(words) > 1 and word[:1].isupper())
        return runs

    def _is_organization_name(self, name: str) -> bool:
        """True when ``name`` is an organization's: the codebook lists it or types it
        by its head word, or the story types it (``story_type``)."""
        return bool(self.codebook.organizations(name) or self.story_type(name))

    def story_type(self, name: str) -> str | None:
        """The type that the story itself gives an organization the codebook does not
        know by ``name``: from its fuller name in the story ("PC Pro Magazine" for "PC
        Pro"), the name it abbreviates in brackets or by initials ("University of Science
        and Technology of China (USTC)", "Communications Workers of America" for "CWA"), a
        kind word or unit right before it ("security firm Symantec", "the statistical
        office INSEE"), or, for a company, its shares, profits or chief executive, or
        what it makes or sells ("shares in Volterra", "Hypertag, which makes ...")."""
        if name not in self._story_types:
            self._story_types[name] = self._find_story_type(name)
        return self._story_types[name]

    def _find_story_type(self, name: str) -> str | None:
        mentions = [at for at in _find_all(self.text, name) if _whole_word(self.text, at, len(name))]
        for at in mentions:
            if self.text[at - 1 : at] == "(" and self.text[at + len(name) : at + len(name) + 1] == ")":
                defined = _NAME_BEFORE_BRACKET.search(self.text, max(0, at - 160), at)
                if defined and self.codebook.classify(defined.group(1)):
                    return self.codebook.classify(defined.group(1))
        for at in mentions:
            for run in _NAME_RUN.finditer(self.text, max(0, at - 60), at + len(name) + 60):
                if run.start() > at:
                    break
                if at + len(name) <= run.end() and run.group() != name and not _SENTENCE_INSIDE.search(run.group()):
                    named = self.codebook.organizations(run.group())
                    if named and self.codebook.classify(run.group()):
                        return self.codebook.classify(run.group())
            window = self.text[max(0, at - 40) : at]
            if not window[-1:].isspace():
                continue  # no kind word set off from the name by a space or two
            kinds = [
                m for m in self.codebook.matcher.find(window)
                if m.term.text.islower() and m.term.source_type and (m.term.kind == "organization" or m.term.kind == "role" and not m.term.person)
            ]
            if kinds and not window[kinds[-1].end :].strip() and 0 < len(window) - kinds[-1].end <= 2:
                return kinds[-1].term.source_type
        if name.isupper() and len(name) >= 3:
            if self._initials is None:
                self._initials = {}
                for run in _NAME_RUN.finditer(self.text):
                    initials = "".join(word[0] for word in run.group().split() if word[:1].isupper())
                    if len(initials) >= 3:
                        self._initials.setdefault(initials, run.group())
            if name in self._initials and self.codebook.classify(self._initials[name]):
                return self.codebook.classify(self._initials[name])
        for at in mentions:
            if _COMPANY_AFTER.match(self.text, at + len(name)) or _COMPANY_BEFORE.search(self.text[max(0, at - 12) : at]):
                return None if self.codebook.is_state(name) else "business"
        return None

    def _role_near(self, name: str) -> str | None:
        """For a person the story never describes, the type of the unnamed person that
        the two sentences before the first mention, or the subject of the sentence after
        it ("The rural affairs minister said"), describe by a singular role other than a
        lay one, outside quotation marks and not as the title of another name ("Amnesty
        International's chief has said ... Irene Khan said"; "..., Alun Michael has
        said. The rural affairs minister said ..."): news often introduces a source by
        role in one sentence and by name in the next."""
        first = self.text.find(name)
        if first < 0:
            return None
        before = [end for end in self.sentence_ends() if end <= first]
        after = [end for end in self.sentence_ends() if end > first]
        windows = [(before[-3] if len(before) > 2 else 0, before[-1] if before else 0)]
        if after:
            following = self.text[after[0] : after[1] if len(after) > 1 else len(self.text)]
            subject = _ROLE_SUBJECT.match(following)
            if subject:
                windows.append((after[0], after[0] + subject.end()))
        for start, end in windows:
            sentence = self.text[start:end]
            roles = [
                m for m in self.codebook.matcher.find(sentence)
                if m.term.kind == "role" and m.term.person and m.term.source_type != "public" and not sentence[m.start : m.end].lower().endswith("s")
            ]
            for role in reversed(roles):
                at = start + role.start
                quoted = len(_QUOTE_MARK.findall(self.text, self.text.rfind("\n", 0, at) + 1, at)) % 2 == 1
                titles_a_name = _NAME_AFTER.match(sentence, role.end) and not _SPEAKS_NEXT.match(sentence, role.end)
                if quoted or titles_a_name:
                    continue
                phrase = " ".join(sentence[: role.start].split()[-4:] + [sentence[role.start : role.end]])
                found = self._classify(phrase)
                if found:
                    return found
        return None

    def _from_hometown(self, name: str) -> bool:
        """True when the story introduces ``name`` by home town only: a town and its
        region, or a state ("Andrew Fisher, from Omaha, Nebraska, said"; not "Steve Ash,
        from Activcard, said")."""
        first = self.text.find(name)
        place = _HOMETOWN.match(self.text, first + len(name)) if first >= 0 else None
        return place is not None and (place.group(2) is not None or self.codebook.is_state(place.group(1)))

    def _group_before(self, name: str) -> str | None:
        """For a person the story never describes, the type of the group of people
        named in the two sentences before the first mention, in the same paragraph, of
        which the story presents them as one ("Some students built a model house.
        Kayley Gallagher said ..." makes her a student)."""
        first = self.text.find(name)
        if first < 0:
            return None
        starts = [end for end in self.sentence_ends() if end <= first]
        window = self.text[starts[-3] if len(starts) >= 3 else 0 : first]
        window = window[window.rfind("\n") + 1 :]
        groups = [
            m for m in self.codebook.matcher.find(window)
            if m.term.kind == "role" and m.term.person and m.term.source_type and window[m.start : m.end].lower().endswith("s")
        ]
        return groups[-1].term.source_type if groups else None

    def _doctor(self, name: str) -> str | None:
        """``analyst`` for a person the story calls "Dr" and describes no further: a
        doctorate or a medical degree is the only evidence of expertise there is."""
        if "Dr" not in self.text and "Doctor" not in self.text:
            return None
        surname = re.escape(name.split()[-1])
        return "analyst" if re.search(rf"\b(?:Dr\.?|Doctor)\s+(?:[A-Z][\w'’.-]*\s+)*{surname}\b", self.text) else None

    def _mentions(self, name: str, person: bool) -> list[str]:
        """The words that introduce each mention of ``name`` in the story (a person by
        surname): the capitalized titles and up to six words before it in its clause, a
        title set off by a comma before it, and an appositive or a bracket after it
        ("Labour's Alan Milburn", "The commission's Executive Vice-President for An Economy
        that Works for People, Valdis Dombrovskis", "Yukos, the Russian oil firm,", "Mr
        Howard (Conservative)")."""
        key = name.split()[-1] if person else name
        own = set(name.split())
        found = []
        for start, end in word_spans(self.text, key):
            self.runs()
            run_start = next((run.start() for run in self._runs_with.get(key.split()[0], []) if run.start() <= start < run.end()), start)
            titles = " ".join(word for word in self.text[run_start:start].split() if word not in own)  # "Bill" of "Bill Nye" is no bill
            floor = self.floor(run_start)
            before = _words_before(self.text, run_start, floor)
            title = _TITLE_BEFORE.search(self.text, max(floor, run_start - 160), run_start)
            after = _APPOSITIVE.match(self.text, end)
            context = " ".join(filter(None, [before, title and title.group(1), titles, after and next(filter(None, after.groups()), None)]))
            if context.strip():
                found.append(context)
        return found


def _publishers_in(window: str, document: str) -> list[re.Match[str]]:
    """The mentions in ``window`` of who made ``document`` (see
    ``_Registry._publisher_before``), expression by expression, each left to right
    without overlaps as ``finditer`` finds them; group 1 of each is the maker's name.
    The expressions after the document word are matched right after each place it
    stands; those before it are compiled for the word, and used only when the window
    holds the words they cannot match without."""
    found: list[re.Match[str]] = []
    places = [place.start() for place in re.finditer(rf"\b(?={re.escape(document)})", window)]
    for pattern in _PUBLISHER_AFTER:
        end = 0
        for place in places:
            match = pattern.match(window, place + len(document)) if place >= end else None
            if match:
                found.append(match)
                end = match.end()
    for index, cue in enumerate(_PUBLISHER_BEFORE_CUES):
        if cue is None or cue.search(window):
            found.extend(_publisher_before_pattern(document, index).finditer(window))
    return found


@lru_cache(maxsize=512)
def _publisher_before_pattern(document: str, index: int) -> re.Pattern:
    """Expression ``index`` of ``_PUBLISHER_BEFORE`` for the document word ``document``,
    compiled once (half a millisecond a compile)."""
    return re.compile(_PUBLISHER_BEFORE[index].replace("{word}", re.escape(document)))


def _find_all(text: str, part: str) -> list[int]:
    """Every offset where ``part`` occurs in ``text``."""
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _whole_word(text: str, at: int, length: int) -> bool:
    """True when ``text[at:at + length]`` is not part of a longer word."""
    before = text[at - 1 : at]
    after = text[at + length : at + length + 1]
    return not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-")


def _before_speech(description: str) -> str:
    """A description up to any speech it reports ("who said the union would agree"
    describes no one as a union member)."""
    return _SPEECH_IN_DESCRIPTION.split(description or "", maxsplit=1)[0]


def _name_run(run: str) -> str:
    """A run of capitalized words without a full stop that ends it after a word of
    three letters or more ("Stephen Roach." is "Stephen Roach"; "Jr." stays)."""
    return run[:-1] if run.endswith(".") and len(run.split()[-1]) > 3 else run


def _name_words(run: str) -> list[str]:
    """The words of a run of capitalized words (see ``_name_run``)."""
    return _name_run(run).split()


def _words_before(text: str, at: int, floor: int = 0) -> str:
    """Up to six words before ``at`` in the same clause, stopping at punctuation (but
    not a bracketed acronym), a preposition, a reporting or linking verb, or a
    participle ("Tory leader" in "... said Tory leader Michael Howard"; "the Chinese
    Football Association (CFA) president")."""
    before_words: list[str] = []
    start = max(floor, at - 240)
    window = text[start:at].split()
    for word in reversed(window[-7:] if start == floor or len(window) > 7 else window[1:]):
        if _BRACKETED_ACRONYM.fullmatch(word):
            before_words.insert(0, word)
            continue
        if (
            not word[:1].isalnum()
            or not word[-1:].isalnum()
            or word.lower() in _STOP_BEFORE_NAME
            or (word.islower() and (word.endswith(("ed", "ing")) or lexicon.get(word) in _VERB_TAGS))
            or _SPEECH_IN_DESCRIPTION.fullmatch(word.lower())
        ):
            break
        before_words.insert(0, word)
    return " ".join(before_words)


_VERB_TAGS = frozenset({"MD", "VBD", "VBZ", "VBP"})


def _title_word(word: str) -> bool:
    """True when a capitalized ``word`` that opens a run of names is no name but a
    title, an epithet or a team's possessive ("Referee Graham Poll", "Defiant Matt
    Williams", "Again Roddick", "Chelsea's William Gallas"): a possessive, or a common
    English word that the lexicon does not know as a proper noun (it knows first names:
    "Will", "Rose" and "Frank" stay)."""
    if _POSSESSIVE_WORD.search(word):
        return True
    capitalized, lower = lexicon.get(word), lexicon.get(word.lower())
    return capitalized != "NNP" and lower is not None and lower != "MD"


_POSSESSIVE_WORD = re.compile(r"\w['’]s?$")


def _join_unique(parts: list[str | None]) -> str:
    """Join description parts with commas, leaving out parts already said."""
    kept: list[str] = []
    for part in filter(None, parts):
        if not any(part in other for other in kept):
            kept = [other for other in kept if other not in part] + [part]
    return ", ".join(kept)


def _strip_determiners(phrase: str) -> str:
    """Drop leading articles and quantifiers ("the", "several") from a phrase."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _looks_plural(phrase: str) -> bool:
    """True when a phrase names several people ("analysts", "Yu and Li")."""
    head = phrase.split()[-1].lower() if phrase.split() else ""
    return head.endswith("s") and not head.endswith("ss") or " and " in phrase
