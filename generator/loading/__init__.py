"""Stage 1: content files (YAML 1.2) -> validated, immutable model that remembers source positions."""
