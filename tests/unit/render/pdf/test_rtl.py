"""Right-to-left paragraphs (generator/render/pdf/rtl.py) laid out without drawing: lines broken on shaped
widths, split between frames with every word kept, alignment read from the start side."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.assets.fonts import register_reportlab
from generator.render.pdf.rtl import RightToLeftParagraph, paragraph_for

TEXT = "تشعر بألم تحت الكعب. يتحسن 8 من كل 10 أشخاص خلال سنة (12 شهرًا). اكتب إلى post@example.org إذا كانت لديك أسئلة."


def _style(**kw) -> ParagraphStyle:
    fonts = register_reportlab("Arab")
    return ParagraphStyle("rtl", fontName=fonts["regular"], fontSize=12, leading=15, wordWrap="RTL", **kw)


def test_the_style_chooses_the_paragraph():
    assert type(paragraph_for(TEXT, _style())) is RightToLeftParagraph
    assert type(paragraph_for("abc", ParagraphStyle("ltr"))) is not RightToLeftParagraph


def test_lines_never_run_past_the_width_and_no_word_is_lost():
    para = RightToLeftParagraph(TEXT, _style())
    width, height = para.wrap(150, 1000)
    assert height == len(para.rtl_lines) * 15 and len(para.rtl_lines) >= 3
    space = stringWidth(" ", para.style.fontName, 12)
    assert all(sum(w.width for w in line) + space * (len(line) - 1) <= 150 for line in para.rtl_lines)
    assert " ".join(w.text for line in para.rtl_lines for w in line) == TEXT


def test_split_keeps_every_word_in_order_over_two_frames():
    para = RightToLeftParagraph(TEXT, _style())
    para.wrap(150, 1000)
    head, tail = para.split(150, 31)  # room for two lines
    assert len(head.rtl_lines) == 2
    tail.wrap(150, 1000)
    assert head.getPlainText() + " " + tail.getPlainText() == TEXT
    assert para.split(150, 10) == []  # not even one line


def test_a_line_break_ends_the_line():
    para = RightToLeftParagraph("ألم<br/>الكعب", _style())
    para.wrap(500, 1000)
    assert [[w.text for w in line] for line in para.rtl_lines] == [["ألم"], ["الكعب"]]


def test_a_hyphen_ending_a_line_stays_beside_its_latin_word():
    """Bidi levels are resolved over the paragraph (UAX #9), then each line is reordered: a Latin "hånd-"
    that ends a line inside an Arabic sentence keeps its hyphen just right of its "d" (between two Latin
    words it is Latin); resolved for the line alone the hyphen would stand at the line's far left. Read
    back with PDFium, in process."""
    import io

    import pypdfium2
    from reportlab.pdfgen.canvas import Canvas

    text = "اكتب إلى Fjordhelse hånd- og fotbehandling في أقرب وقت"
    para = RightToLeftParagraph(text, _style())
    width = next(w for w in range(400, 50, -1) if para.wrap(w, 1000) and para.rtl_lines[0][-1].text == "hånd-")
    assert width
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(500, 200))
    para.drawOn(canvas, 20, 200 - para.height - 10)
    canvas.save()
    document = pypdfium2.PdfDocument(out.getvalue())
    try:
        page = document[0].get_textpage()
        chars = [(page.get_text_range(i, 1), page.get_charbox(i)) for i in range(page.count_chars())]
    finally:
        document.close()
    first_line = chars[: [c for c, _ in chars].index("\r")]  # PDFium ends each line with CR LF
    at = [c for c, _ in first_line].index("-")
    assert first_line[at - 1][0] == "d"  # the hyphen is read back after hånd's d
    d, hyphen = first_line[at - 1][1], first_line[at][1]
    assert d[2] - 0.5 <= hyphen[0] <= d[2] + 3, (d, hyphen)
