"""Tagged PDF on top of reportlab: marked content while drawing (``marked``), structure roles
for the story (``roles``), the structure tree afterwards (``structure``).

Open-source reportlab writes no structure, so a screen reader meets an untagged PDF. This module
adds it in two steps (a route that leans on a few reportlab internals, pinned by the version range
in pyproject.toml and by tests of the structure output):

1. While drawing: every content flowable carries a *tag path* (``(("L", key), ("LI", key),
   ("LBody", key))``) from :func:`tag_role`. On a :class:`TaggingCanvas` its drawing is wrapped in
   ``/Role <</MCID n>> BDC ... EMC`` and the MCID is recorded against the structure element the
   path names; everything else painted (page decoration, table backgrounds and rules, repeated
   header rows, the DRAFT mark, crop marks) goes inside ``/Artifact BDC ... EMC``. A flowable
   split over pages keeps its path, so it stays one element. Line ends get their space back.
2. After the build: :func:`finish` writes the StructTreeRoot, ParentTree, StructParents, MarkInfo,
   DisplayDocTitle, /Tabs /S, XMP (dc:title, dc:language, pdfuaid:part 1, pdfaid:part 2) and an sRGB
   output intent with pikepdf.
"""

from generator.render.pdf.tagging.marked import (  # noqa: F401 - the package's interface
    Element,
    OrderedList,
    Tagger,
    TaggingCanvas,
    artifact,
    artifact_table_class,
    as_artifact,
    is_tagged,
    tag_role,
    tagging_canvas,
)
from generator.render.pdf.tagging.roles import tag_story  # noqa: F401
from generator.render.pdf.tagging.structure import finish  # noqa: F401
