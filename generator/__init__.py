"""leafdeck: one structured source about a medical condition -> patient leaflet (PDF) and clinician deck (PPTX).

The pipeline runs in stages, one sub-package each, and imports only point down this list:
``loading`` (YAML -> validated, immutable model with source positions) -> ``document``
(format-independent sections, blocks and the comparison table per audience) -> ``render``
(one module per output format) -> files written atomically by ``pipeline``.
"""

__version__ = "0.1.0"
