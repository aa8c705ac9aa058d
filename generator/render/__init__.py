"""Stage 3: one module per output format. Each takes a Document and returns the file's bytes."""
