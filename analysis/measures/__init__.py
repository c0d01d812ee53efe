"""Step 3, the measures of each sentence: ``tone`` (TextBlob and VADER scores, bit for bit
the libraries' own), ``frames`` (frames, targets and contrast markers of a frame set) and
``stance`` (stance toward each target mention)."""
