"""Every character must be in the font that draws it (generator/checks/glyphs.py)."""

from __future__ import annotations

from pathlib import Path

import fontpkg_arimo
from fontTools.ttLib import TTFont

from generator.checks import glyphs
from support.content import edit


def test_missing_glyph_is_reported_at_its_line(project, run):
    edit(project / "content/tiny/nb.yaml", "      - p: Første avsnitt", "      - p: Fot 🦶 og første avsnitt")
    result = run(project, "--product", "leaflet")
    assert result.code == 1
    assert "content/tiny/nb.yaml:18:" in result.err
    assert "U+1F9B6" in result.err and "not in the font Fira Sans" in result.err


def test_a_missing_character_is_reported_once_with_its_first_place_and_count(project, run):
    """Hundreds of errors for one character hide the rest: one error per character, at its first line."""
    edit(project / "content/tiny/nb.yaml", "      - p: Første avsnitt", "      - p: Fot 🦶 og 🦶 første avsnitt")
    edit(project / "content/tiny/nb.yaml", "[Feber, Nattsmerter]", "[Feber 🦶, Nattsmerter]")
    result = run(project, "check")
    assert result.code == 1
    reports = [line for line in result.err.splitlines() if "U+1F9B6" in line and "error" in line]
    assert len(reports) == 1, reports
    assert "content/tiny/nb.yaml:18:" in reports[0] and "3 times in all" in reports[0]


def test_a_fonts_coverage_is_served_from_disk_as_fonttools_reads_it(tmp_path, monkeypatch):
    """Issue 26: the character map is read once per font file's bytes; a fresh process takes it from disk."""
    monkeypatch.setenv("LEAFDECK_CACHE", str(tmp_path / "cache"))
    font = Path(fontpkg_arimo.ROOT) / "files" / "Arimo[wght].ttf"
    with TTFont(str(font), lazy=True) as reference:
        expected = frozenset(reference.getBestCmap())
    glyphs._coverage.cache_clear()
    assert glyphs._coverage(font) == expected
    glyphs._coverage.cache_clear()  # a fresh process

    def no_reading(data):
        raise AssertionError("read the font again")

    monkeypatch.setattr(glyphs, "_code_points", no_reading)
    assert glyphs._coverage(font) == expected and 0x1F600 not in expected and ord("ø") in expected
    glyphs._coverage.cache_clear()
