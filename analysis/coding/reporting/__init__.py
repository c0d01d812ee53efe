"""Find the reporting cue of one sentence and the phrase that names its speaker.

Shallow rules over words and punctuation, no parser and no downloaded model. A cue verb
(``data/cues.csv``) reports when its frame is there: a ``that``/wh- clause, a colon or
a quotation after it; only times, places and an addressee after it at the end of the
sentence (``..., Yu said.``); a clause without ``that``; an infinitive, ``as`` or an
object, for verbs that report that way. The speaker is the noun phrase before the verb,
the name before an appositive (``Li Haidong, a professor at X, told``), the phrase after
an inverted verb (``said Yu Lei``), the agent of a passive (``is seen by X as``) or the
subject that a second verb shares (``X met Y and said``).

- ``words``: tokens and the word classes the rules read;
- ``clauses``: whether a cue verb reports where it stands, and its frame;
- ``subject``: the phrase that names a cue verb's speaker;
- ``cue``: the cues of a sentence and the one the rules choose (``Found``);
- ``find``: ``find_cue``, that cue with a speaker phrase that names someone.
"""

from .cue import Found
from .find import find_cue

__all__ = ["Found", "find_cue"]
