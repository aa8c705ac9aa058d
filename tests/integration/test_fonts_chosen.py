"""Fonts chosen per clinic and per language (``fonts:`` in the clinic file and in the labels file), judged
from the outputs: the fonts poppler finds embedded in the PDF and the family the web page's CSS names."""

from __future__ import annotations

import tomllib
from pathlib import Path

from support.content import edit
from support.tools import pdffonts

OUT = "output/default/tiny/nb"
FONTS = Path(__file__).parents[2] / "generator/assets/fonts/fonts.toml"


def _family(family_id: str) -> str:
    """A family's name as fonts.toml writes it, read here (not through leafdeck)."""
    return tomllib.loads(FONTS.read_text(encoding="utf-8"))["families"][family_id]["name"]


def _embedded(pdf: Path) -> set[str]:
    return {row[0].split("+", 1)[-1] for row in pdffonts(pdf)}


def test_a_clinics_house_font_draws_its_pdfs_and_pages_and_a_languages_own_fonts_come_first(project, run):
    house = "ibm-plex-sans-arabic"  # a family with Latin letters too: a clinic's house style for Latin text
    edit(
        project / "content/clinics/default.yaml",
        'name: "Eksempelklinikken"\n',
        f'name: "Eksempelklinikken"\nfonts:\n  Latn: [{house}, fira-sans]\n',
    )
    assert run(project, "--lang", "nb", "--product", "leaflet,page").code == 0
    stem = _family(house).replace(" ", "")
    assert all(name.startswith(stem) for name in _embedded(project / OUT / "tiny_nb_leaflet.pdf"))
    css = (project / "output/default/site/tiny/nb/index.html").read_text(encoding="utf-8")
    assert f'"{_family(house)}"' in css

    # The language names its own: it wins over the clinic's.
    edit(project / "content/labels/nb.yaml", "language_tag: nb-NO\n", "language_tag: nb-NO\nfonts: [fira-sans]\n")
    assert run(project, "--lang", "nb", "--product", "leaflet,page").code == 0
    own = _family("fira-sans").replace(" ", "")
    assert all(name.startswith(own) for name in _embedded(project / OUT / "tiny_nb_leaflet.pdf"))
    css = (project / "output/default/site/tiny/nb/index.html").read_text(encoding="utf-8")
    assert f'"{_family("fira-sans")}"' in css and f'"{_family(house)}"' not in css


def test_an_unknown_family_is_an_error_at_its_line_naming_the_known_ones(project, run):
    edit(project / "content/labels/nb.yaml", "language_tag: nb-NO\n", "language_tag: nb-NO\nfonts: [fira-san]\n")
    result = run(project, "check")
    assert result.code == 1
    assert "content/labels/nb.yaml:5:9: error: unknown font family 'fira-san'" in result.err, result.err
    assert "did you mean 'fira-sans'?" in result.err
