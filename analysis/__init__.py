"""Framing and stance analysis of news articles.

The data flows one way through five subpackages, one step each:

1. ``corpus``: read documents and split them into stories (``read``, ``repair``,
   ``furniture``, ``stories``);
2. ``coding``: who speaks in each sentence and what kind of source it is (``sentences``,
   ``quotes``, ``cues``, ``reporting``, ``attribute``, ``speakers``, ``sourcetypes``,
   ``people``);
3. ``measures``: tone, frames and stance of each sentence (``tone``, ``frames``,
   ``stance``);
4. ``table``: the sentence table (``tabulate``, ``run``, ``bench``);
5. ``report``: what the notebooks call (``settings``, ``summarise``, ``plot``,
   ``annotate``, ``sampling``, ``agreement``, ``estimates``, ``notebooks``).

``errors``, ``datafiles`` and ``pattern`` (TextBlob's offline parts) serve them all; ``cli`` is the command line. The names below
are the public API; each is imported only when first used, so that ``python -m analysis
--help`` starts at once.
"""

from __future__ import annotations

from importlib import import_module

_API = {
    "InputError": "analysis.errors",
    "InputWarning": "analysis.errors",
    "Run": "analysis.report.settings",
    "current_run": "analysis.report.settings",
    "estimate": "analysis.report.estimates",
    "load_table": "analysis.table.tabulate",
    "read_table": "analysis.table.tabulate",
    "source_type_summary": "analysis.report.summarise",
    "tabulate": "analysis.table.tabulate",
    "tabulate_text": "analysis.table.tabulate",
    "write_csv": "analysis.datafiles",
    "write_table": "analysis.table.tabulate",
}

# Modules that notebooks written before the subpackages import from the package itself
# ("from analysis import plot, summarise"), kept working.
_MODULES = {
    "estimates": "analysis.report.estimates",
    "plot": "analysis.report.plot",
    "summarise": "analysis.report.summarise",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    """The public API's names, each imported from its module on first use."""
    if name in _API or name in _MODULES:
        value = getattr(import_module(_API[name]), name) if name in _API else import_module(_MODULES[name])
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
