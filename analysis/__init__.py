"""Framing and stance analysis of news articles.

The steps, in the order the data flows through them:

1. ``read``: read documents (text, HTML, folders, CSV/JSONL tables of articles), with
   ``repair`` for mojibake;
2. ``stories``: split documents into stories, as a manifest says; ``furniture``: find
   the page furniture (menus, link lists, footers) from the corpus, the page and, for
   HTML, trafilatura;
3. ``sentences``: split stories into paragraphs, sentences and headings;
4. ``attribute`` (with ``reporting`` and ``quotes``): find who speaks in each sentence;
5. ``speakers`` and ``sourcetypes``: resolve speakers and type them by the codebook;
6. ``score``: sentiment (TextBlob and VADER); ``frames``: frames, targets and contrasts;
7. ``tabulate``: the sentence table;
8. ``summarise``: tables that the notebooks chart; ``plot``: the charts; ``annotate``:
   the coded text as HTML; ``agreement``: agreement with a hand coding; ``sampling``:
   coding sheets drawn with their design and read back checked; ``estimates``: shares
   and means corrected by a coding sheet, with intervals.

``settings`` says what to analyse and where a run writes (one setting for every
notebook); ``report`` tabulates a run and executes the notebooks into its folder; ``run``
runs the steps over a large corpus (local processes or Dask), writing as it goes;
``bench`` measures them.
"""

from .read import InputError, InputWarning
from .summarise import source_type_summary
from .settings import Run, current_run
from .datafiles import write_csv
from .estimates import estimate
from .tabulate import load_table, read_table, tabulate, tabulate_text, write_table

__all__ = [
    "InputError", "InputWarning", "Run", "current_run", "estimate", "load_table", "read_table", "source_type_summary", "tabulate",
    "tabulate_text", "write_csv", "write_table",
]
