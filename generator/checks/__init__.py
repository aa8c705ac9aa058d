"""The quality gates, as pure functions of documents and of finished files' bytes: readability,
glyphs, trust, consistency, pictures, the deck's accessibility and the web site's links. Each reports
into a Diagnostics; :mod:`generator.pipeline.preflight` lays the outputs out and runs them all."""
