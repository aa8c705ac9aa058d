"""Unreviewed content looks unreviewed to whoever holds the paper or sees the slide.

The same content is built twice, approved and as a draft, and every page of every product is
rendered: each draft page must carry the light diagonal mark across its middle (pixels a pale
neutral grey where the approved page is white paper, spread corner to corner along a diagonal),
and each approved page must carry none. The deck is judged as LibreOffice shows it: the draft label
on every slide, and on none of the approved deck's.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image, ImageChops

from support.content import edit
from support.tools import _tool, libreoffice_pdf, pdfinfo, pdftotext

PDFS = ["leaflet", "leaflet_print", "leaflet_web", "brochure", "brochure_print", "brochure_web"]
OUT = "output/default/tiny/nb"
DPI = 40


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """{"approved" | "draft": folder with every product of the small content}."""
    import contextlib
    import io
    import os

    from generator.cli import main
    from support.content import FIXTURES, TODAY

    folders = {}
    root = tmp_path_factory.mktemp("draft-mark")
    for status in ("approved", "draft"):
        project = root / status
        shutil.copytree(FIXTURES / "minimal", project)
        if status == "draft":
            edit(project / "content/tiny/condition.yaml", "status: approved", "status: draft")
        cwd = os.getcwd()
        os.chdir(project)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                code = main(["--product", "leaflet,brochure,deck,print-shop,web", "--today", TODAY])
        finally:
            os.chdir(cwd)
        assert code == 0
        folders[status] = project / OUT
    return folders


def _page(pdf, page: int, tmp) -> Image.Image:
    stem = tmp / f"{pdf.stem}-{pdf.parents[4].name}-{page}"
    subprocess.run(
        [_tool("pdftoppm"), "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return Image.open(f"{stem}.ppm").convert("RGB")


def watermark_pixels(page: Image.Image, clean: Image.Image) -> tuple[int, tuple | None]:
    """(count, bounding box) of pixels that are a pale neutral grey on ``page`` where ``clean`` is
    white paper: what a light translucent mark over blank paper looks like."""

    def mask(image, test):
        return Image.eval(image.convert("L"), lambda v: 255 if test(v) else 0)

    r, g, b = page.split()
    spread = ImageChops.subtract(
        ImageChops.lighter(ImageChops.lighter(r, g), b), ImageChops.darker(ImageChops.darker(r, g), b)
    )
    neutral = mask(spread, lambda v: v <= 6)
    pale = mask(page, lambda v: 205 <= v <= 245)
    paper = mask(clean, lambda v: v >= 252)
    found = ImageChops.multiply(ImageChops.multiply(neutral, pale), paper)
    return found.histogram()[255], found.getbbox()


@pytest.mark.parametrize("product", PDFS)
def test_every_draft_page_carries_the_diagonal_mark_and_no_approved_page_does(builds, tmp_path, product):
    draft, approved = (builds[s] / f"tiny_nb_{product}.pdf" for s in ("draft", "approved"))
    pages = int(pdfinfo(draft)["Pages"])
    assert pages == int(pdfinfo(approved)["Pages"])
    for page in range(1, pages + 1):
        marked, clean = _page(draft, page, tmp_path), _page(approved, page, tmp_path)
        count, box = watermark_pixels(marked, clean)
        area = marked.width * marked.height
        assert count > area * 0.004 and box, f"{draft.name} page {page}: no DRAFT mark across the page"
        x0, y0, x1, y1 = box
        assert x1 - x0 > marked.width * 0.25 and y1 - y0 > marked.height * 0.15, (
            f"{draft.name} page {page}: the DRAFT mark does not run across the page ({box})"
        )
        assert watermark_pixels(clean, clean)[0] < area * 0.0005, f"{approved.name} page {page}: marked DRAFT"


def test_every_slide_of_a_draft_deck_says_draft(builds, tmp_path):
    from generator.loading.content import load_content

    project = builds["draft"].parents[3]
    label = load_content(project / "content", project / "images").labels["nb"].draft
    for status, folder in builds.items():
        pdf = libreoffice_pdf(folder / "tiny_nb_deck.pptx", tmp_path / status)
        for page in range(1, int(pdfinfo(pdf)["Pages"]) + 1):
            text = pdftotext(pdf, first=page, last=page)
            assert (label in text) == (status == "draft"), f"{status} deck, slide {page}: {text[-200:]!r}"
