"""Every character must be in the font that draws it (generator/checks/glyphs.py)."""

from __future__ import annotations

from support.content import edit


def test_missing_glyph_is_reported_at_its_line(project, run):
    edit(project / "content/tiny/nb.yaml", "      - p: Første avsnitt", "      - p: Fot 🦶 og første avsnitt")
    result = run(project, "--product", "leaflet")
    assert result.code == 1
    assert "content/tiny/nb.yaml:18:" in result.err
    assert "U+1F9B6" in result.err and "not in the font Fira Sans" in result.err
