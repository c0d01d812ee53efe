"""Step 1, the corpus: from files to stories.

- ``read``: documents from text files, HTML pages, folders and CSV/JSONL tables of
  articles, their metadata and dates, decoded whatever their encoding;
- ``repair``: mojibake repaired, with a map back to the offsets of the text as read;
- ``furniture``: page furniture (menus, link lists, footers) found from the corpus, the
  page and, for HTML, trafilatura;
- ``stories``: documents split into stories, as a manifest says.
"""
