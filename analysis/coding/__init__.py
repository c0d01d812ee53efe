"""Step 2, the coding: who speaks in each sentence, and what kind of source that is.

- ``sentences``: stories split into paragraphs, sentences and headings, with offsets;
- ``quotes``: quotation marks and the spans they open and close;
- ``cues``, ``matching``: the reporting verbs (``data/cues.csv``) and the phrase matcher
  every vocabulary is found with; ``tagging``: TextBlob's offline part-of-speech tagger;
- ``reporting``: a sentence's reporting cue and its subject; ``attribute``: the
  attribution of each sentence of a story (cue, quotation, carry-over);
- ``speakers``: who each speaker is (names, pronouns, descriptions resolved within the
  story); ``sourcetypes``: the codebook (``data/codebook``) and the type of a speaker
  from the evidence in the story; ``people``: the people of a whole corpus, who lend their
  type to stories that give none.
"""
