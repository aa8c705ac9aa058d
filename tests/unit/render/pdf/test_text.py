"""Text handed to reportlab: escaping, unbreakable labels and hyphenation."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from generator.assets.fonts import register_reportlab
from generator.assets.hyphenation import hyphenator
from generator.render.pdf.text import NBSP, label, phone

HOSTILE = ['a"b@example.org', 'a@b.org" onmouseover="alert(1)', "x'y<z>&amp;@example.org"]


def _lines(text: str, width: float, lang: str = "en-US") -> list[str]:
    fonts = register_reportlab()
    style = ParagraphStyle(
        "t",
        fontName=fonts["regular"],
        fontSize=12,
        leading=14,
        hyphenationLang=hyphenator(lang),
        embeddedHyphenation=2,
        hyphenationMinWordLength=5,
    )
    para = Paragraph(text, style)
    para.wrap(width, 1000)
    lines = []
    for line in para.blPara.lines:
        if hasattr(line, "words"):  # a paragraph with several runs: fragments carry their spaces
            lines.append("".join(fragment.text for fragment in line.words))
        else:  # a plain paragraph: (width, words)
            lines.append(" ".join(line[1]))
    return lines


def test_a_word_with_its_own_hyphen_breaks_there_once():
    pairs = list(hyphenator("en-US")("Blood-thinning"))
    assert ("Blood-", "thinning") in pairs
    assert not [tail for _, tail in pairs if tail.startswith("-")]
    # In a paragraph with bold runs (several fragments), no line may start with a hyphen.
    for width in range(60, 200, 4):
        lines = _lines("<b>Not if:</b> Stomach ulcer or kidney disease. Blood-thinning medicines.", width)
        assert not [line for line in lines if line.startswith("-")], (width, lines)


def test_norwegian_compounds_hyphenate():
    lines = _lines("Blodfortynnende medisiner", 70, "nb-NO")
    assert lines[0].endswith("-") and len(lines) > 1


def test_labels_and_phone_numbers_do_not_break():
    assert label("Ikke ved:") == f"Ikke{NBSP}ved:"
    assert phone("+47 00 00 00 00") == f"+47{NBSP}00{NBSP}00{NBSP}00{NBSP}00"
    assert label("<b>") == "&lt;b&gt;"


# Values the loader never lets through (README: "Content you did not write"), handed to the PDF
# layer directly: its escaping must hold on its own, in text and in a link's attribute.


def _drawn(flowables) -> bytes:
    import io

    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(list(flowables))
    return buffer.getvalue()


def test_a_link_goes_where_its_target_says_whatever_it_holds():
    import io

    import pikepdf

    from generator.render.pdf.parts import link

    fonts = register_reportlab()
    style = ParagraphStyle("link", fontName=fonts["regular"], fontSize=10, leading=12)
    for target in HOSTILE:
        data = _drawn([link(f"mailto:{target}", target, style, 400, None)])
        with pikepdf.open(io.BytesIO(data)) as pdf:
            uris = [str(a.A.URI) for a in pdf.pages[0].obj.Annots]
        assert uris and set(uris) == {f"mailto:{target}"}, (target, uris)


def test_markup_characters_in_text_print_as_typed():
    import io

    from pypdfium2 import PdfDocument

    from generator.document.model import Span
    from generator.render.pdf.text import markup

    fonts = register_reportlab()
    style = ParagraphStyle("t", fontName=fonts["regular"], fontSize=10, leading=12)
    typed = ['" onmouseover="x', "<a href='javascript:x'>y</a>", "&amp; &lt;b&gt; 'q'"]
    data = _drawn([Paragraph(markup((Span(text, bold=i == 1),)), style) for i, text in enumerate(typed)])
    page = PdfDocument(io.BytesIO(data))[0]
    text = page.get_textpage().get_text_range()
    for expected in typed:
        assert expected in text.replace("\r\n", "\n").replace("\n", " "), (expected, text)
