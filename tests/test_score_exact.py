"""The gate for analysis.measures.tone: its fast ``textblob_scores`` and ``vader_compound`` must
return exactly what the libraries return, ``textblob.en.sentiment(text)`` (TextBlob's
PatternAnalyzer) and ``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``,
to the last bit and the sign of zero, on news sentences, on sentences written to reach
each rule of the two libraries, and on a few thousand random strings. The fast functions
mirror the installed library versions (textblob 0.20.1, vaderSentiment 3.3.2), so a new
version that changes a number fails here, in CI, before it changes a table."""

from __future__ import annotations

import random
import string
import struct

import pytest
from textblob import TextBlob
from textblob import _text as pattern
from textblob.en import sentiment as pattern_sentiment
from vaderSentiment import vaderSentiment as vader

from analysis.measures import tone as score
from analysis.coding.sentences import split_story
from conftest import SEED

WRITTEN = [
    "The results were good.",
    "The results were not good.",
    "The results were never good, and they weren't cheap.",
    "It isn't bad at all.",
    "It is not very good.",
    "It is very good!",
    "It is very, very good!!!",
    "It is really not good.",
    "It is not really good.",
    "Not a good day.",
    "No good deed goes unpunished.",
    "There is no love, no hope or joy.",
    "No, it was not a horrible book.",
    "The plan was good, but the delivery was terrible.",
    "The plan was bad but the delivery was excellent BUT late.",
    "The talks were kind of useful.",
    "The talks were sort of a disaster, kinda.",
    "It was the least helpful answer.",
    "At least it was not a horrible book.",
    "It was the very least they could do to help.",
    "Least helpful of all was the minister.",
    "The minister was EXTREMELY angry about the DISASTER.",
    "THE WHOLE REPORT IS GREAT.",
    "The report is GREAT, the summary is TERRIBLE.",
    "Is this really the best they can do??",
    "What a wonderful surprise?!?!",
    "Why would anyone do that???? It is awful!!!!!",
    "It has never been so good.",
    "It has never been this bad.",
    "Without a doubt, an excellent idea.",
    "Without doubt it was excellent.",
    "The new policy is the shit.",
    "That speech was the bomb, a bad ass performance.",
    "They waited at the bus stop.",
    "Yeah right, that will work.",
    "It was the kiss of death for the deal.",
    "A cake to die for.",
    "Her beating heart was all he could hear.",
    "The team was on the ball and in the black.",
    "That was an incredibly, unbelievably stupid move.",
    "He barely survived; it was hardly a victory.",
    "Great :) but the rest was sad :-(",
    "I love it <3 and you :D",
    "What a day ;) xD XD x-D",
    "Well :-/ that was odd :'(",
    "Sure, that went well (!)",
    "Sure, that went well ( ! ) again.",
    "Yeah, great idea /s",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Nice work 👍 team ♥",
    "He said: “It’s a wonderful day”, didn’t he?",
    "Mr. Smith met Dr. Jones in the U.S. on Friday, e.g. at 3 p.m. etc.",
    "The line ends here...",
    "Prices rose (by 8%) in 2008) and fell.",
    "First paragraph is good.\n\nSecond paragraph is bad.",
    "A line\r\n\r\nand another terrible one.",
    "END-OF-SENTENCE is a strange word to find in a good text.",
    "",
    "   ",
    "!!!",
    "good",
    "GOOD",
    "not",
    "ΣΟΦΟΣ good Σ.",
]


def seed_sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    pieces = [" ".join(text[s.start : s.end].split()) for s in split_story(text)]
    return pieces + [line for line in text.splitlines() if line.strip()] + [text]


def random_strings(count: int, seed: int = 2024) -> list[str]:
    """``count`` strings mixing lexicon words of both libraries, negators, boosters,
    idioms, emoticons, emoji, punctuation, capitalisation and random characters."""
    rng = random.Random(seed)
    len(pattern_sentiment)
    analyzer = score._vader()
    words = rng.sample(sorted(analyzer.lexicon), 400) + rng.sample(sorted(dict.keys(pattern_sentiment)), 400)
    words += "the a is was it of at to for this so that and or nor he said very really least".split()
    rules = [*vader.NEGATE, *vader.BOOSTER_DICT, *vader.SPECIAL_CASES, *pattern_sentiment.negations]
    rules += ["no", "not", "never so", "never this", "without doubt", "at least", "very least", "but", "not very"]
    marks = list(".,;:!?()[]{}\"'-/\\") + ["!!", "???", "?!", "...", "'s", "n't", "/s", "’", "“", "”"]
    marks += ["Mr.", "U.S.", "e.g.", "A.", "etc.", "p.m.", "\n", "\r\n", "\t", "\xa0"]
    faces = [face for faces in pattern.EMOTICONS.values() for face in faces]
    faces += [word for word in sorted(analyzer.lexicon) if not word.isalpha()][:150] + list("XxDoO83scpPb")
    rare = rng.sample(sorted(analyzer.emojis), 40) + ["\n\n", "END-OF-SENTENCE", "(!)", "( ! )"]
    characters = string.printable + "éΣßİ’“”—…\x1c\x85\u2028\u3000"
    cases = (str, str.lower, str.upper, str.title, str.capitalize)

    def token() -> str:
        kind = rng.random()
        if kind < 0.5:
            text = rng.choice(words)
        elif kind < 0.7:
            text = rng.choice(rules)
        elif kind < 0.84:
            text = rng.choice(marks)
        elif kind < 0.88:
            text = rng.choice(faces)
        elif kind < 0.9:
            text = rng.choice(rare)
        else:
            text = "".join(rng.choice(characters) for _ in range(rng.randint(1, 4)))
        text = rng.choice(cases)(text)
        if rng.random() < 0.15:
            text += rng.choice(marks)
        return text

    def separator() -> str:
        return rng.choice((" ",) * 12 + ("", "  ", "\n", " - "))

    strings = []
    for _ in range(count):
        parts = [token() for _ in range(rng.randint(1, 25))]
        strings.append("".join(part + separator() for part in parts).strip(rng.choice(("", " "))))
    return strings


def bits(value: float) -> bytes:
    return struct.pack("<d", value)


def mismatches(texts: list[str]) -> list[tuple]:
    analyzer = vader.SentimentIntensityAnalyzer()
    found = []
    for text in texts:
        expected = tuple(pattern_sentiment(text))
        fast = score.textblob_scores(text)
        if [type(value) for value in fast] != [float, float] or list(map(bits, fast)) != list(map(bits, expected)):
            found.append(("textblob", text, fast, expected))
        expected = analyzer.polarity_scores(text)["compound"]
        fast = score.vader_compound(text)
        if type(fast) is not float or bits(fast) != bits(expected):
            found.append(("vader", text, fast, expected))
    return found


def test_news_sentences_score_exactly_as_the_libraries():
    texts = seed_sentences()
    assert len(texts) > 150
    assert mismatches(texts) == []
    blob = [tuple(TextBlob(text).sentiment) for text in texts[:50]]
    assert [list(map(bits, pair)) for pair in blob] == [list(map(bits, score.textblob_scores(t))) for t in texts[:50]]


@pytest.mark.parametrize("text", WRITTEN)
def test_written_sentences_score_exactly_as_the_libraries(text):
    assert mismatches([text]) == []


def test_random_strings_score_exactly_as_the_libraries():
    assert mismatches(random_strings(3000)) == []


def test_signed_zero_is_told_apart():
    assert bits(0.0) != bits(-0.0)


def test_vader_emoji_list_holds_no_ascii_character():
    assert not any(emoji.isascii() for emoji in score._emoji_characters())


def test_news_sentences_take_the_fast_path():
    texts = [" ".join(text.split()) for text in seed_sentences()]
    slow = [text for text in texts if score._pattern_words(text) is None]
    assert len(slow) <= len(texts) // 50, slow
