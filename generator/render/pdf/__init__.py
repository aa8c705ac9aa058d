"""The PDF renderers (reportlab): the leaflet and the tri-fold brochure, their print-shop and
accessible variants, and the parts they share (page geometry, styles, blocks, flow, tagging)."""
