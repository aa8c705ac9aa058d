"""Building outputs, one stage per module:

- ``targets``: what to build, from file and folder names (shards, options);
- ``plan``: the content loaded and one Document per output;
- ``render``: each output drawn in memory by its product's renderer, in worker processes;
- ``run``: freshness (``manifest``), atomic writes (``output``) and one outcome per output;
- ``watch``: rebuilding on save.
"""
