"""The PDFs' building blocks: addresses as links that wrap only between their words, pictures that
shrink into the room left."""

from __future__ import annotations

import pikepdf

from support.content import edit, line_of, shipped_variants
from support.tools import structure_elements as _elements

MM = 72 / 25.4
OUT = "output/default/tiny/nb"


def test_a_long_web_address_is_one_link_over_its_lines(project, run):
    clinic = project / "content/clinics/default.yaml"
    edit(
        clinic,
        'web: "https://example.org/hælspore"',
        'web: "https://www.eksempelklinikken-fysioterapi.example.no/pasientinformasjon/{lang}/{condition}"',
    )
    assert run(project, "--product", "web", "--lang", "nb").code == 0
    with pikepdf.open(project / OUT / "tiny_nb_brochure_web.pdf") as pdf:
        links = [e for e in _elements(pdf) if e.S == "/Link"]
        web = [
            e
            for e in links
            if any(
                "pasientinformasjon" in str(k.Obj.A.URI)
                for k in e.K
                if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
            )
        ]
        assert len(web) == 1
        annotations = [k for k in web[0].K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
        assert len(annotations) >= 2  # one per line, all in the one Link element
        assert {str(k.Obj.A.URI) for k in annotations} == {
            "https://www.eksempelklinikken-fysioterapi.example.no/pasientinformasjon/nb/tiny"
        }


def test_an_address_that_cannot_wrap_is_an_error_at_its_line(project, run):
    clinic = project / "content/clinics/default.yaml"
    edit(clinic, 'email: "post@example.org"', f'email: "{"x" * 70}@example.org"')
    result = run(project, "check")
    assert result.code == 1 and "Traceback" not in result.err
    assert f"content/clinics/default.yaml:{line_of(clinic, 'email:')}:" in result.err
    assert "too long for a line" in result.err


def test_a_picture_shrinks_into_the_room_left_rather_than_leave_a_gap():
    """The figure block offers a smaller copy of itself down to 45 % of its height, and no smaller."""
    from generator.render.pdf import parts
    from support.content import document

    doc = document(*shipped_variants()[0][1:])
    figure = doc.cover_figure or next(b for s in doc.sections for b in s.blocks if type(b).__name__ == "Figure")
    from generator.render.pdf.styles import Styles

    styles = Styles.make(doc, 12)
    block = parts.figure(figure, doc, styles, 170 * MM, 70 * MM)
    _, full = block.wrap(170 * MM, 1000)
    image = block.flowables[0].drawHeight
    smaller = block.split(170 * MM, full - 0.3 * image)
    assert len(smaller) == 1 and smaller[0].wrap(170 * MM, 1000)[1] <= full - 0.3 * image
    assert smaller[0].flowables[0].drawHeight < image
    assert block.split(170 * MM, full - 0.6 * image) == []  # below 45 %: it moves on whole
