"""What a print shop and a clinic's office printer receive, judged from the files themselves:
pixels rendered by poppler, image resolution reported by ``pdfimages``, page totals read back.

Print-shop PDFs carry crop marks outside the bleed and nothing else there, backgrounds that touch the
trim edge run on to the bleed edge (no white hairline after trimming), and images hold 300 ppi at
the size they are placed. Office PDFs carry no marks and print nothing into the unprintable corners.
"""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image

from support.content import output_file, shipped, shipped_variants
from support.tools import _tool, pdfimages, pdfinfo, pdfinfo_boxes, pdftotext

VARIANTS = shipped_variants()
MM = 72 / 25.4
DPI = 150
BLEED = 3 * MM
PRINT_PPI = 300
INK = 160  # a pixel darker than this (0-255 grey) has something drawn on it
PAPER = 250  # lighter than this counts as blank paper


def render(pdf, page: int, tmp_path) -> Image.Image:
    """One page in grey at DPI, over its whole media box."""
    stem = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-gray",
            "-r",
            str(DPI),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    return Image.open(f"{stem}.pgm")


def px(points: float) -> int:
    return round(points * DPI / 72)


def region(image: Image.Image, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int]:
    """(darkest, lightest) grey in a rectangle given in points from the media box's top left."""
    box = (
        px(min(x0, x1)),
        px(min(y0, y1)),
        max(px(max(x0, x1)), px(min(x0, x1)) + 1),
        max(px(max(y0, y1)), px(min(y0, y1)) + 1),
    )
    return image.crop(box).getextrema()


def _pages(pdf) -> int:
    return int(pdfinfo(pdf)["Pages"])


def _top_left_boxes(pdf, page: int) -> dict[str, tuple[float, float, float, float]]:
    """pdfinfo's boxes turned into top-left-origin rectangles (x0, y0, x1, y1), as the raster has them."""
    boxes = pdfinfo_boxes(pdf, page)
    mx0, my0, _, my1 = boxes["Media"]
    return {name: (x0 - mx0, my1 - y1, x1 - mx0, my1 - y0) for name, (x0, y0, x1, y1) in boxes.items()}


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_print_shop_marks_sit_outside_the_bleed_and_backgrounds_fill_it(
    outputs, tmp_path, clinic, condition, lang, product
):
    pdf = output_file(outputs, clinic, condition, lang, f"{product}_print")
    touching = 0
    for page in range(1, _pages(pdf) + 1):
        image = render(pdf, page, tmp_path)
        boxes = _top_left_boxes(pdf, page)
        tx0, ty0, tx1, ty1 = boxes["Trim"]
        bx0, by0, bx1, by1 = boxes["Bleed"]
        assert (tx0 - bx0, ty0 - by0) == (pytest.approx(BLEED, abs=0.2), pytest.approx(BLEED, abs=0.2))
        w, h = image.width * 72 / DPI, image.height * 72 / DPI
        # Eight crop marks: each trim line continued into the slug, outside the bleed.
        outside = 0.3 * MM
        for x in (tx0, tx1):
            for y0, y1 in ((1, by0 - outside), (by1 + outside, h - 1)):
                assert region(image, x - 0.6, y0, x + 0.6, y1)[0] < INK, (
                    f"{pdf.name} p{page}: no crop mark on the trim line x={x / MM:.1f} mm"
                )
        for y in (ty0, ty1):
            for x0, x1 in ((1, bx0 - outside), (bx1 + outside, w - 1)):
                assert region(image, x0, y - 0.6, x1, y + 0.6)[0] < INK, (
                    f"{pdf.name} p{page}: no crop mark on the trim line y={y / MM:.1f} mm"
                )
        # Nothing else outside the bleed: the slug beside each edge's middle is blank paper.
        for rect in (
            (bx0, (by0 + by1) / 2 - 20, 1, (by0 + by1) / 2 + 20),
            (bx1, (by0 + by1) / 2 - 20, w - 1, (by0 + by1) / 2 + 20),
            ((bx0 + bx1) / 2 - 20, 1, (bx0 + bx1) / 2 + 20, by0),
            ((bx0 + bx1) / 2 - 20, by1, (bx0 + bx1) / 2 + 20, h - 1),
        ):
            assert region(image, *rect)[0] >= PAPER, f"{pdf.name} p{page}: something is drawn outside the bleed"
        # Backgrounds: whatever is printed at the trim edge goes on to the bleed edge, all round.
        inset = 2 * 72 / DPI
        samples = [((x, ty0 + inset), (x, by0 + inset)) for x in _steps(tx0, tx1)]
        samples += [((x, ty1 - inset), (x, by1 - inset)) for x in _steps(tx0, tx1)]
        samples += [((tx0 + inset, y), (bx0 + inset, y)) for y in _steps(ty0, ty1)]
        samples += [((tx1 - inset, y), (bx1 - inset, y)) for y in _steps(ty0, ty1)]
        for at_trim, at_bleed in samples:
            edge = image.getpixel((px(at_trim[0]), px(at_trim[1])))
            if edge < PAPER:
                touching += 1
                bleed = image.getpixel((px(at_bleed[0]), px(at_bleed[1])))
                assert abs(bleed - edge) < 40, (
                    f"{pdf.name} p{page}: printed at the trim edge at "
                    f"{at_trim[0] / MM:.0f},{at_trim[1] / MM:.0f} mm but white in the bleed"
                )
    assert touching, f"{pdf.name}: nothing touches the trim edge, so the bleed check saw nothing"
    assert registration_strokes(pdf), f"{pdf.name}: the crop marks are not in registration black"


def _steps(start: float, end: float, step: float = 2 * MM) -> list[float]:
    n = int((end - start) / step)
    return [start + step * (i + 0.5) for i in range(n)]


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS[:1] + VARIANTS[-1:])
@pytest.mark.parametrize("suffix", ["leaflet", "brochure", "leaflet_web", "brochure_web"])
def test_office_pdfs_have_no_marks_and_blank_corners(outputs, tmp_path, clinic, condition, lang, suffix):
    """Office printers cannot print the outer few millimetres: nothing is drawn there, marks least of all."""
    pdf = output_file(outputs, clinic, condition, lang, suffix)
    for page in range(1, _pages(pdf) + 1):
        image = render(pdf, page, tmp_path)
        boxes = _top_left_boxes(pdf, page)
        assert boxes["Trim"] == boxes["Media"], f"{pdf.name}: an office PDF is exactly the paper"
        w, h = image.width * 72 / DPI, image.height * 72 / DPI
        corner = 8 * MM
        for x0, y0 in ((0, 0), (w - corner, 0), (0, h - corner), (w - corner, h - corner)):
            assert region(image, x0, y0, x0 + corner, y0 + corner)[0] >= PAPER, (
                f"{pdf.name} p{page}: something is printed in the corner at {x0 / MM:.0f},{y0 / MM:.0f} mm"
            )
    assert not registration_strokes(pdf), f"{pdf.name}: crop marks (registration black) drawn, if off the page"


def registration_strokes(pdf) -> int:
    """How many times a page sets registration black (all four inks at 100 %), the colour of crop
    marks and of nothing a reader should see."""
    import pikepdf

    count = 0
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("K", "k") and [float(v) for v in operands] == [1, 1, 1, 1]:
                    count += 1
    return count


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_print_shop_images_hold_300_ppi_where_placed(outputs, clinic, condition, lang, product):
    pdf = output_file(outputs, clinic, condition, lang, f"{product}_print")
    rows = [row for row in pdfimages(pdf) if row[2] == "image"]
    pictures = shipped().condition(condition).condition.images or shipped().clinics[clinic].logo
    assert rows or not pictures, f"{pdf.name} has pictures in its content but none in the PDF"
    for row in rows:
        x_ppi, y_ppi = int(row[12]), int(row[13])
        # pdfimages rounds down: 299 is 300 ppi placed a hair larger.
        assert min(x_ppi, y_ppi) >= PRINT_PPI - 1, f"{pdf.name} page {row[0]} image {row[1]}: {x_ppi}x{y_ppi} ppi"


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
@pytest.mark.parametrize("suffix", ["leaflet", "leaflet_print", "leaflet_web"])
def test_every_leaflet_footer_counts_its_pages(outputs, clinic, condition, lang, suffix):
    """'Side 2 av 4' on page 2 of four: the total read from every footer matches the real page count."""
    pdf = output_file(outputs, clinic, condition, lang, suffix)
    pages = _pages(pdf)
    page_of = shipped().labels[lang].page_of
    for page in range(1, pages + 1):
        text = " ".join(pdftotext(pdf, first=page, last=page).split())
        assert page_of.format(page=page, pages=pages) in text, f"{pdf.name} page {page} of {pages}"
        for wrong in {pages - 1, pages + 1} - {0}:
            assert page_of.format(page=page, pages=wrong) not in text
