"""``generate.py preview``: the live preview for staff, in parts one can read apart — raster (PDF
pages and slides as pictures), workers (the drawing processes), slides (the deck's lane), engine
(what is shown, redrawn after each save), server (the local web app) and serve (the command)."""
