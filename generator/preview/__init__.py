"""``generate.py preview``: the live preview for staff, in four parts one can read apart —
raster (PDF pages and slides as pictures), engine (what is shown, redrawn after each save), server
(the local web app) and serve (the command: LibreOffice, the watcher, the server)."""
