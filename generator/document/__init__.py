"""Stage 2: what the outputs say, independent of PDF or PPTX (no fonts, sizes or pages here)."""
