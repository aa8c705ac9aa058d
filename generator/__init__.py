"""leafdeck: one structured source about a medical condition -> a patient leaflet and a tri-fold
brochure (PDF), a clinician slide deck (PPTX) and a patient web site.

The stages are sub-packages, and imports only point down this list (``tests/unit/test_architecture.py``):
``kinds`` (what is made) and ``assets`` (files, pictures, fonts) at the bottom; ``loading`` (YAML ->
validated, immutable model with source positions); ``document`` (format-independent sections,
blocks and the comparison table per audience); ``render`` (one package per output format and the
registry of renderers); ``checks`` (quality gates over documents and bytes); ``pipeline`` (what to
build, the plan, drawing, freshness, atomic writes, ``check``); ``preview`` (the live preview);
``cli``.
"""

__version__ = "0.1.0"
