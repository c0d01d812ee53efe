"""Step 4, the sentence table: ``tabulate`` runs the steps on every story and assembles
one row per sentence; ``run`` runs them over large corpora (local processes or a Dask
cluster), writing as it goes, with the corpus passes before and after coding; ``bench``
measures them."""
