"""Step 5, the report: what the notebooks call.

- ``settings``: what a run analyses and where it writes (one setting for every notebook);
- ``summarise``: tables to chart; ``plot``: the charts, one colour per source type;
  ``annotate``: the coded text as HTML;
- ``sampling``: coding sheets drawn with their design and read back checked;
  ``agreement``: agreement with a hand coding; ``estimates``: shares and means corrected
  by a coding sheet, with intervals;
- ``notebooks``: a whole report, every notebook executed into the run's folder.
"""
