"""Real tools the tests read outputs with (poppler-utils; installed by .ci/run)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed: run .ci/run (or make test as root), which installs it with apt-get"
    return path


def pdftotext(pdf: Path, order: str = "raw", first: int | None = None, last: int | None = None) -> str:
    """The PDF's text: in drawing order ("raw": a table cell's lines stay together), as laid
    out on the page ("layout") or in poppler's reading order ("reading")."""
    flags = {"raw": ["-raw"], "layout": ["-layout"], "reading": []}[order]
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    args = [_tool("pdftotext"), *flags, *pages, str(pdf), "-"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return "\n".join(_logical(line) for line in out.split("\n")) if order == "raw" else out


_RTL_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"))


def _logical(line: str) -> str:
    """A line of ``pdftotext -raw`` in reading order. poppler gives a right-to-left line's words in the order
    they are drawn (left to right), each word's letters in reading order and marked RLE..PDF; reading order
    is the words reversed, with each stretch of left-to-right words (numbers, Latin words, addresses) put
    back in its own order: the bidi algorithm's rule L2 undone for a right-to-left paragraph."""
    if "\u202b" not in line:
        return line.translate(_RTL_MARKS)
    import unicodedata

    words = [_joined(word).translate(_RTL_MARKS) for word in line.split()]
    rtl = [any(unicodedata.bidirectional(c) in ("R", "AL") for c in w) for w in words]
    out: list[str] = []
    stretch: list[str] = []
    for word, is_rtl in zip(reversed(words), reversed(rtl)):
        if is_rtl:
            out += reversed(stretch)
            stretch = []
            out.append(word)
        else:
            stretch.append(word)
    out += reversed(stretch)
    return " ".join(out)


def drawn(text: str, rtl: bool) -> str:
    """One line of ``text`` as poppler's structure text (``pdfinfo -struct-text``) gives it: for a
    right-to-left line, in the order its letters are drawn (the visual order; poppler puts a page's text in
    reading order, not a structure element's), which the Unicode bidi algorithm (python-bidi) gives."""
    if not rtl:
        return text
    from bidi import get_display

    return get_display(text, base_dir="R")


def holds(text: str, passage: str, rtl: bool) -> bool:
    """Whether ``text`` read back from a PDF holds ``passage`` whole.

    Left to right: word for word, in order (whitespace folded). Right to left: every word of it (letters
    and digits; punctuation left out) within a stretch of the text no longer than twice the passage:
    readers put a right-to-left line's punctuation, numbers and Latin runs back by heuristics of their own
    (poppler's ``2–3 أشهر`` comes back as ``3–2``, a colon on the other word), which no test can hold them to."""
    if not rtl:
        return " ".join(passage.split()) in " ".join(text.split())
    from collections import Counter

    wanted, tokens = Counter(re.findall(r"\w+", passage)), re.findall(r"\w+", text)
    span = 2 * sum(wanted.values()) + 2
    return any(Counter(tokens[i : i + span]) >= wanted for i, t in enumerate(tokens) if t in wanted)


def _joined(word: str) -> str:
    """One word of a ``pdftotext -raw`` line. poppler may cut a right-to-left word where a letter does not join
    the next (a gap in the shaped glyphs) and give its pieces as drawn, left to right, each marked RLE..PDF
    with no space between: in reading order the pieces are reversed."""
    pieces = re.findall("\u202b([^\u202c]*)\u202c", word)
    whole = len(pieces) > 1 and "".join(f"\u202b{p}\u202c" for p in pieces) == word
    return "".join(reversed(pieces)) if whole else word


def pdfimages(pdf: Path, page: int | None = None) -> list[list[str]]:
    """Rows of ``pdfimages -list``: page, num, type, width, height, color, ... (images and masks)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        [_tool("pdfimages"), "-list", *pages, str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return [line.split() for line in out.splitlines()[2:]]


def images_on_page(pdf: Path, page: int) -> int:
    """How many images (not masks) are drawn on one page."""
    return sum(1 for row in pdfimages(pdf, page) if row[2] == "image")


def pdffonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run([_tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run([_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdfinfo_boxes(pdf: Path, page: int = 1) -> dict[str, tuple[float, ...]]:
    out = subprocess.run(
        [_tool("pdfinfo"), "-box", "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    boxes = {}
    for line in out.splitlines():
        if "Box:" in line:
            label, _, numbers = line.partition("Box:")
            boxes[label.split()[-1]] = tuple(float(n) for n in numbers.split())
    return boxes


def qr_codes(pdf: Path, tmp: Path, page: int) -> list[str]:
    """Render one page and decode every QR code on it with zbarimg."""
    png = tmp / "page"
    subprocess.run(
        [_tool("pdftoppm"), "-png", "-r", "200", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(png)],
        check=True,
    )
    out = subprocess.run([_tool("zbarimg"), "--quiet", "--raw", str(png) + ".png"], capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line]


def font_sizes(pdf: Path) -> set[float]:
    """Every text size set with Tf in the page content streams."""
    import re
    import zlib

    data = pdf.read_bytes()
    sizes = set()
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = match.group(1)
        try:
            raw = zlib.decompress(raw)
        except zlib.error:
            pass
        sizes |= {float(m) for m in re.findall(rb"/F\d+\+?\d* ([\d.]+) Tf", raw)}
    return sizes


def libreoffice_pdf(deck: Path, out_dir: Path) -> Path:
    """Convert a deck with LibreOffice Impress as a user would; a private profile per call keeps
    parallel runs from fighting over one. Fails loudly when LibreOffice reports an error."""
    profile = out_dir / "lo-profile"
    result = subprocess.run(
        [
            _tool("libreoffice"),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(deck),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = out_dir / (deck.stem + ".pdf")
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    return pdf


class Word:
    """One word as poppler reads it from a page: its text and box in points (origin top left)."""

    def __init__(self, page: int, x0: float, y0: float, x1: float, y1: float, text: str):
        self.page, self.x0, self.y0, self.x1, self.y1, self.text = page, x0, y0, x1, y1, text

    def inside(self, x0: float, y0: float, x1: float, y1: float, tolerance: float = 0.5) -> bool:
        return (
            self.x0 >= x0 - tolerance
            and self.y0 >= y0 - tolerance
            and self.x1 <= x1 + tolerance
            and self.y1 <= y1 + tolerance
        )

    def __repr__(self) -> str:
        return f"Word(p{self.page} {self.text!r} {self.x0:.1f},{self.y0:.1f}-{self.x1:.1f},{self.y1:.1f})"


def words(pdf: Path, rtl: bool = False, mirror: bool = True) -> list[Word]:
    """Every word of the PDF with its box, from ``pdftotext -bbox`` (an independent reader).

    ``rtl``: the pages of a right-to-left document seen in a mirror, each word's letters in reading order
    (poppler gives them as drawn): a right-to-left page's geometry then reads as a left-to-right one (its
    first line start, table column and brochure panel on the left), so one test serves both directions;
    ``mirror=False`` keeps the page as it is (a word's box on the slide it is drawn on)."""
    import html
    import re

    out = subprocess.run(
        [_tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    found, page, width = [], 0, 0.0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
            width = float(re.search(r'width="([\d.]+)"', line)[1])
        match = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if match:
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            text = html.unescape(match[5])
            if rtl:
                text = drawn(text, True)
            if rtl and mirror:
                x0, x1 = width - x1, width - x0
            found.append(Word(page, x0, y0, x1, y1, text))
    return found


def text_lines(pdf: Path) -> list[tuple[int, str]]:
    """(page, line text) of every line as poppler's layout analysis groups words (``-bbox-layout``)."""
    import html
    import re

    out = subprocess.run(
        [_tool("pdftotext"), "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines, page, current = [], 0, []
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        elif "<line " in line:
            current = []
        elif "</line>" in line:
            lines.append((page, " ".join(current)))
        else:
            match = re.search(r"<word [^>]*>(.*)</word>", line)
            if match:
                current.append(html.unescape(match[1]))
    return lines


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height in points of every page (the media box, as ``pdfinfo`` reports it)."""
    import re

    info = subprocess.run(
        [_tool("pdfinfo"), "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def structure_elements(pdf):
    """Every StructElem of an open pikepdf.Pdf's structure tree (any order)."""
    import pikepdf

    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                yield kid
                stack.append(kid)


# -- the tri-fold brochure's print spec ---------------------------------------------------------------

_MM = 72 / 25.4


def folds(width_pt: float, page: int) -> list[float]:
    """The fold lines of a tri-fold sheet, from the print spec (two full panels and a fold-in panel
    3 mm narrower): outside flap | back | cover, inside three panels with the fold-in one last."""
    full = (width_pt / _MM + 3) / 3 * _MM
    fold_in = width_pt - 2 * full
    return [fold_in, fold_in + full] if page == 1 else [full, 2 * full]


def panels_of(width_pt: float, page: int) -> list[tuple[float, float]]:
    edges = [0.0, *folds(width_pt, page), width_pt]
    return list(zip(edges, edges[1:]))


# --- the web pages, read by html5lib: the HTML5 parsing algorithm browsers use --------------------

XHTML = "{http://www.w3.org/1999/xhtml}"


def html_tree(page: Path):
    """The page as an ElementTree, parsed strictly: any parse error (a stray end tag, a bad
    attribute, text where the HTML5 algorithm has to repair the markup) fails the test."""
    import html5lib

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    with page.open("rb") as stream:
        tree = parser.parse(stream)
    assert not parser.errors, f"{page}: {parser.errors[:3]}"
    return tree


def tag(name: str) -> str:
    return f"{XHTML}{name}"


def all_of(tree, name: str) -> list:
    return list(tree.iter(tag(name)))


def element_text(element) -> str:
    """The element's text as a reader gets it (tags away, one space between runs)."""
    return " ".join("".join(element.itertext()).split())


def site_pages(out: Path) -> list[Path]:
    """Every HTML file of every clinic's site below ``out``."""
    return sorted(out.glob("*/site/**/*.html"))


def pdfium_text(pdf: Path) -> str:
    """The PDF's text as PDFium (pypdfium2, Chrome's PDF engine) reads it, in-process: for the unit
    tier, which starts no program."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
