"""Resolve the speaker phrases of a story to speakers, and type each speaker once.

- ``phrases``: which phrases can name a speaker at all (``names_someone``), and the
  words a story writes as names (``proper_nouns``);
- ``resolve``: who each mention is, within its story (``resolve_story``, ``Speaker``);
- ``speaker_type``: the source type of a new speaker, and what typed it (``TYPED_BY``);
- ``context``: the story as the rules read it; ``words``: helpers over its words;
- ``names``: the names in a phrase and those before an offset; ``introductions``: how
  the story introduces and mentions a name;
- ``story_types``: types from the story's own words for names the codebook does not
  know; ``owners``: whom a document or a role that defers speaks for.
"""

from .phrases import ProperNouns, names_someone, proper_nouns
from .resolve import Speaker, resolve_story, story_outlet
from .speaker_type import FALLBACK_TYPE, PERSONAL_GENRES, TYPED_BY

__all__ = [
    "FALLBACK_TYPE",
    "PERSONAL_GENRES",
    "TYPED_BY",
    "ProperNouns",
    "Speaker",
    "names_someone",
    "proper_nouns",
    "resolve_story",
    "story_outlet",
]
