"""Any real-world PowerPoint template yields a deck a speaker can present.

A clinic sends its own template; leafdeck must build a deck on it whatever its shape: 4:3 or 16:9,
English or Portuguese layout names, layouts with or without a type, small title boxes, a dark
theme, titles at the bottom. What does not fit the template's boxes moves (a details line, the
notes, the next slide) instead of failing the build.

The templates are drawn here with python-pptx (from ``Presentation()``, python-pptx's standard
Office 4:3 template, or from leafdeck's own 16:9 one), one fixture each. Every template is used for
decks of the tiny test content and of every shipped condition and language. The decks are read back
with python-pptx (titles, notes, layouts, text sizes, colours) and, independently of leafdeck's own
measuring, converted with LibreOffice Impress: the PDF shows where every word was really drawn.

Known leafdeck bugs are ``xfail(strict=True)`` with the reason: when the bug is fixed the test
passes, strict xfail turns that into a failure, and the mark is to be removed.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart
from pptx.util import Inches

from generator.cli import main
from generator.render.pptx.template import DEFAULT_TEMPLATE
from support.content import CONTENT, FIXTURES, IMAGES, TODAY, Result, shipped_languages
from support.tools import Word, libreoffice_pdf, page_sizes, words

pytestmark = pytest.mark.slow_reader  # judged by LibreOffice: not rerun by test_content_agnostic.py

EMU_PER_PT = 12700
TOLERANCE_PT = 2.0  # how far a drawn word may stick out of its shape (rounding, glyph overhang)
MIN_BODY_PT, MIN_TABLE_PT = 18, 14
MIN_CONTRAST = 4.5  # WCAG AA for normal-size text
EXAMPLE_TITLE = "Example slide that ships with the template"
EXAMPLE_BODY = "Replace this text with your own"
# Placeholders for other content than text: a slide on such a layout shows an empty "insert picture" box.
PICTURE_KINDS = {
    PP_PLACEHOLDER.PICTURE,
    PP_PLACEHOLDER.BITMAP,
    PP_PLACEHOLDER.MEDIA_CLIP,
    PP_PLACEHOLDER.CHART,
    PP_PLACEHOLDER.TABLE,
    PP_PLACEHOLDER.ORG_CHART,
}
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)


# -- drawing templates ----------------------------------------------------------------------------


def _titles(prs):
    """Every title placeholder of the master and the layouts, with the layout's type (None: master)."""
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for ph in owner.placeholders:
            if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                yield owner._element.get("type"), ph


def _text_placeholder(owner):
    """The master's or a layout's body, object or subtitle placeholder."""
    return next(
        ph
        for ph in owner.placeholders
        if ph.placeholder_format.idx != 0
        and ph.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
    )


def _layout(prs, kind: str):
    return next(la for la in prs.slide_layouts if la._element.get("type") == kind)


def _shape(owner, name: str):
    return next(s for s in owner.shapes if s.name == name)


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    """Give a master or layout shape its own position and size, in inches."""
    shape.left, shape.top, shape.width, shape.height = (int(Inches(v)) for v in (left, top, width, height))


def _add_example_slide(prs, layout) -> None:
    """Templates come with example slides; leafdeck must drop them."""
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = EXAMPLE_TITLE
    for ph in slide.placeholders:
        if ph.placeholder_format.idx != 0 and ph.has_text_frame:
            ph.text_frame.text = EXAMPLE_BODY


def _edit_theme(prs, colours: dict[str, str]) -> None:
    """Set theme colour slots (``accent1`` -> ``FFD966``)."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    for slot, value in colours.items():
        element = scheme.find(qn(f"a:{slot}"))
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, qn("a:srgbClr")).set("val", value)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _stretch(prs, width: float, height: float) -> None:
    """A new slide size in inches, every master and layout shape moved and stretched with it."""
    fx, fy = Inches(width) / prs.slide_width, Inches(height) / prs.slide_height
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for xfrm in owner._element.iter(qn("a:xfrm")):
            for element, (x, y) in ((xfrm.find(qn("a:off")), ("x", "y")), (xfrm.find(qn("a:ext")), ("cx", "cy"))):
                if element is not None:
                    element.set(x, str(int(int(element.get(x)) * fx)))
                    element.set(y, str(int(int(element.get(y)) * fy)))
    prs.slide_width, prs.slide_height = int(Inches(width)), int(Inches(height))


def _add_layout(prs, xml: str, position: int) -> None:
    """Add a layout (its XML) to the slide master, at ``position`` in the master's layout list."""
    master, package = prs.slide_master, prs.part.package
    partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    part = SlideLayoutPart.load(partname, CT.PML_SLIDE_LAYOUT, package, xml.encode("utf-8"))
    part.relate_to(master.part, RT.SLIDE_MASTER)
    r_id = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master._element.get_or_add_sldLayoutIdLst()
    new_id = max(int(entry.get("id")) for entry in id_list) + 1
    id_list.insert(position, id_list.makeelement(qn("p:sldLayoutId"), {"id": str(new_id), qn("r:id"): r_id}))


def _placeholder_xml(shape_id: int, name: str, ph: str, box: tuple[int, int, int, int] | None = None) -> str:
    xfrm = (
        ""
        if box is None
        else f'<a:xfrm><a:off x="{box[0]}" y="{box[1]}"/><a:ext cx="{box[2]}" cy="{box[3]}"/></a:xfrm>'
    )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{xfrm}</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>"
        f'<a:p><a:endParaRPr lang="pt-BR"/></a:p></p:txBody></p:sp>'
    )


def _custom_layout_xml(name: str, *shapes: str) -> str:
    """A layout without a ``type`` attribute: python-pptx and PowerPoint call it a custom layout."""
    return (
        f'<p:sldLayout {NS} preserve="1" userDrawn="1"><p:cSld name="{name}"><p:spTree>'
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
        + "".join(shapes)
        + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def _save(prs, tmp_path_factory, name: str) -> Path:
    path = tmp_path_factory.mktemp("templates") / f"{name}.pptx"
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def office_4x3(tmp_path_factory) -> Path:
    """python-pptx's default template untouched: 4:3, the standard Office layouts with English names,
    Calibri theme fonts (not what leafdeck measures with), 9-inch-wide title and body boxes."""
    return _save(Presentation(), tmp_path_factory, "office-4x3")


@pytest.fixture(scope="module")
def small_titles_16x9(tmp_path_factory) -> Path:
    """16:9 with the small boxes that made real templates fail: titles 0.55 in tall and 6 in wide on
    the master and every layout, a 0.6 in subtitle box (too small for subtitle, clinic, ICD-10 and
    version lines) and body boxes smaller than usual; the decoration follows the boxes."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    for _, title in _titles(prs):
        _place(title, 0.6, 0.3, 6, 0.55)
    cover, divider, content = _layout(prs, "title"), _layout(prs, "secHead"), _layout(prs, "obj")
    _place(_text_placeholder(cover), 0.6, 1.0, 6, 0.6)
    _place(_shape(cover, "Title band"), 0, 0, 13.333, 1.7)
    _place(_shape(cover, "Accent strip"), 0, 1.7, 13.333, 0.09)
    _place(_text_placeholder(divider), 0.6, 1.1, 6, 0.8)
    _place(_shape(divider, "Accent strip"), 0.6, 0.92, 1.1, 0.08)
    for owner in (content, prs.slide_master):
        _place(_text_placeholder(owner), 0.6, 1.1, 9, 4.6)
    _place(_shape(prs.slide_master, "Accent bar"), 0.6, 0.92, 1.1, 0.07)
    _add_example_slide(prs, content)
    return _save(prs, tmp_path_factory, "small-titles-16x9")


PORTUGUESE = {
    "title": "Slide de Título",
    "obj": "Título e Conteúdo",
    "secHead": "Cabeçalho da Seção",
    "titleOnly": "Somente Título",
    "blank": "Em branco",
}
PICTURE_LAYOUT = "Título e Imagem"


def _portuguese(prs) -> None:
    """Portuguese layout names, and no layout keeps its ``type``: all are custom layouts."""
    for layout in prs.slide_layouts:
        layout.name = PORTUGUESE[layout._element.attrib.pop("type")]


@pytest.fixture(scope="module")
def portuguese_custom(tmp_path_factory) -> Path:
    """Portuguese layout names on layouts without a type (leafdeck must go by their placeholders), an
    example slide, and before "Somente Título" a custom title-and-picture layout: a layout with a
    title and no text box, the very description of a "title only" layout, that must not be chosen."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    _portuguese(prs)
    picture = _placeholder_xml(
        3, "Espaço Reservado para Imagem 2", '<p:ph type="pic" idx="13"/>', (548640, 1554480, 11094415, 4480560)
    )
    _add_layout(
        prs, _custom_layout_xml(PICTURE_LAYOUT, _placeholder_xml(2, "Título 1", '<p:ph type="title"/>'), picture), 1
    )
    _add_example_slide(prs, next(la for la in prs.slide_layouts if la.name == PORTUGUESE["obj"]))
    return _save(prs, tmp_path_factory, "portuguese-custom")


@pytest.fixture(scope="module")
def dark_theme(tmp_path_factory) -> Path:
    """A dark template: Office's layouts stretched to 16:9, a black master background, the colour map
    swapped so text is light (as PowerPoint's dark themes do) and a light accent (#FFD966): white
    table header text on it would be unreadable. Its subtitle box holds one line only."""
    prs = Presentation()
    _stretch(prs, 13.333, 7.5)
    subtitle = _text_placeholder(_layout(prs, "title"))
    subtitle.height = int(Inches(0.5))
    master = prs.slide_master._element
    c_sld = master.find(qn("p:cSld"))
    for old in c_sld.findall(qn("p:bg")):
        c_sld.remove(old)
    c_sld.insert(
        0,
        etree.fromstring(
            f'<p:bg {NS}><p:bgPr><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
        ),
    )
    master.find(qn("p:clrMap")).attrib.update({"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"})
    _edit_theme(prs, {"accent1": "FFD966", "accent2": "9DC3E6", "dk2": "262626", "lt2": "D9D9D9"})
    _add_example_slide(prs, _layout(prs, "obj"))
    return _save(prs, tmp_path_factory, "dark-theme")


@pytest.fixture(scope="module")
def title_at_bottom(tmp_path_factory) -> Path:
    """Titles in a band at the bottom of every slide but the cover, the content above them: a house
    style some hospitals use. Nothing leafdeck puts under a title has room there."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    for kind, title in _titles(prs):
        if kind != "title":
            _place(title, 0.6, 5.8, 12.1, 0.9)
    for owner in (_layout(prs, "obj"), prs.slide_master):
        _place(_text_placeholder(owner), 0.6, 0.5, 12.1, 5.1)
    _place(_shape(prs.slide_master, "Accent bar"), 0.6, 5.7, 1.1, 0.07)
    _add_example_slide(prs, _layout(prs, "obj"))
    return _save(prs, tmp_path_factory, "title-at-bottom")


@pytest.fixture(scope="module")
def photo_backdrop(tmp_path_factory) -> Path:
    """The Portuguese template with one more custom layout, common in corporate templates: a photo
    filling the slide with a title and a text box over it, the text box a little larger than
    "Título e Conteúdo"'s. Bullets on it would sit on an empty "insert picture" frame."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    _portuguese(prs)
    photo = _placeholder_xml(3, "Imagem de Fundo 2", '<p:ph type="pic" idx="13"/>', (0, 0, 12192000, 6858000))
    title = _placeholder_xml(2, "Título 1", '<p:ph type="title"/>')
    text = _placeholder_xml(4, "Texto 3", '<p:ph type="body" idx="1"/>', (548640, 1463040, 11094415, 4663440))
    _add_layout(prs, _custom_layout_xml("Foto com Texto", photo, title, text), 4)
    return _save(prs, tmp_path_factory, "photo-backdrop")


@dataclass(frozen=True)
class Roles:
    """The layout (by name) each kind of slide must be on."""

    cover: str
    divider: str
    bullets: str
    drawn: str  # tables, the pathway, pictures


OFFICE_ROLES = Roles("Title Slide", "Section Header", "Title and Content", "Title Only")
TEMPLATES = {  # id -> (fixture, the layouts leafdeck must choose)
    "office-4x3": ("office_4x3", OFFICE_ROLES),
    "small-titles-16x9": ("small_titles_16x9", OFFICE_ROLES),
    # Without types a section header cannot be told from "title and content": dividers go on the title
    # layout (README, "Templates").
    "portuguese-custom": (
        "portuguese_custom",
        Roles(PORTUGUESE["title"], PORTUGUESE["title"], PORTUGUESE["obj"], PORTUGUESE["titleOnly"]),
    ),
    "dark-theme": ("dark_theme", OFFICE_ROLES),
    "title-at-bottom": ("title_at_bottom", OFFICE_ROLES),
}


# Templates on which a known leafdeck bug stops the build: each is strict-xfailed with its reason, so
# the mark must go when the bug is fixed. None are left (the ones this file found are fixed: the table
# area as wide as the title, a bottom title leaving no room, the overview giving up at 20 pt, rows that
# grow in LibreOffice, bullets on a photo layout, a grown title box that kept only its growth).
def templates(xfail: dict[str, str] | None = None) -> list:
    """Every template id, each known to fail for ``xfail[id]`` marked strict-xfail with that reason."""
    xfail = xfail or {}
    return [
        pytest.param(name, id=name, marks=[pytest.mark.xfail(strict=True, reason=xfail[name])] if name in xfail else [])
        for name in TEMPLATES
    ]


# Every test that reads built decks xfails on a template on which nothing builds.
NOTHING_BUILDS: dict[str, str] = {}


@dataclass
class Template:
    name: str
    path: Path
    roles: Roles


@pytest.fixture(scope="module")
def template(request) -> Template:
    fixture, roles = TEMPLATES[request.param]
    return Template(request.param, request.getfixturevalue(fixture), roles)


# -- building decks -------------------------------------------------------------------------------


def _cli(folder: Path, *args: str) -> Result:
    """The CLI run inside ``folder`` with the tests' date, as the ``run`` fixture does (module scope)."""
    out, err, here = io.StringIO(), io.StringIO(), Path.cwd()
    os.chdir(folder)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main([*args, "--today", TODAY])
    finally:
        os.chdir(here)
    return Result(code, out.getvalue(), err.getvalue())


def _no_crash(result: Result) -> None:
    assert "Traceback" not in result.out + result.err and "internal error" not in result.err, result.err


@dataclass
class Decks:
    """The decks built on one template: the tiny content's and the shipped content's."""

    tiny: Result = field(repr=False)
    shipped: Result = field(repr=False)
    paths: dict[str, Path]  # "heel-spur_nb_deck" -> its file
    _open: dict = field(default_factory=dict, repr=False)

    def presentations(self):
        """(name, Presentation) of every deck that was built, each opened once."""
        assert self.paths, "no deck was built on this template:\n" + self.tiny.err + self.shipped.err
        for name, path in self.paths.items():
            if name not in self._open:
                self._open[name] = Presentation(str(path))
            yield name, self._open[name]


@pytest.fixture(scope="module")
def decks(template, tmp_path_factory) -> Decks:
    """Decks of the tiny content (a copy of tests/fixtures/minimal) and of every shipped condition and
    language, on this template, each built once for the module."""
    work = tmp_path_factory.mktemp(f"decks-{template.name}")
    shutil.copytree(FIXTURES / "minimal", work / "tiny")
    tiny = _cli(work / "tiny", "--product", "deck", "--template", str(template.path))
    shipped = _cli(
        work,
        "--content",
        str(CONTENT),
        "--images",
        str(IMAGES),
        "--out",
        str(work / "shipped"),
        "--product",
        "deck",
        "--template",
        str(template.path),
    )
    found = sorted((work / "tiny" / "output").rglob("*_deck.pptx")) + sorted((work / "shipped").rglob("*_deck.pptx"))
    return Decks(tiny, shipped, {path.stem: path for path in found})


@dataclass
class Rendered:
    """A deck as LibreOffice Impress drew it: its slides (python-pptx) and its PDF's pages and words."""

    name: str
    prs: object
    pages: list[tuple[float, float]]
    words: dict[int, list]  # page number (1-based) -> words on it


def _drawn_words(pdf: Path, margin: float = 200.0) -> dict[int, list]:
    """Every word drawn on each page, also those beyond its edges: pdftotext leaves out text outside
    the page, so it reads a copy whose pages are ``margin`` points larger all round; the boxes are
    given back in the page's own coordinates (a word off the top has a negative y)."""
    padded = pdf.with_name(pdf.stem + "-margin.pdf")
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            page.MediaBox = page.CropBox = pikepdf.Array([x0 - margin, y0 - margin, x1 + margin, y1 + margin])
        document.save(padded)
    by_page = defaultdict(list)
    for w in words(padded):
        by_page[w.page].append(Word(w.page, w.x0 - margin, w.y0 - margin, w.x1 - margin, w.y1 - margin, w.text))
    return by_page


@pytest.fixture(scope="module")
def rendered(decks, tmp_path_factory) -> list[Rendered]:
    """Every deck of this template converted once with LibreOffice, a few at a time."""
    out = tmp_path_factory.mktemp("pdf")
    built = list(decks.presentations())

    def convert(name: str) -> Path:
        return libreoffice_pdf(decks.paths[name], out / name)

    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 1))) as pool:
        pdfs = list(pool.map(convert, [name for name, _ in built]))
    return [Rendered(name, prs, page_sizes(pdf), _drawn_words(pdf)) for (name, prs), pdf in zip(built, pdfs)]


# -- reading decks --------------------------------------------------------------------------------


def _title_text(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _where(name: str, number: int, slide) -> str:
    return f"{name} slide {number} {_title_text(slide)!r}"


def _frames(shape):
    """(is a table, text frame) of every text frame a shape holds."""
    if shape.has_table:
        return [(True, cell.text_frame) for row in shape.table.rows for cell in row.cells]
    return [(False, shape.text_frame)] if shape.has_text_frame else []


def _has_bullets(shape) -> bool:
    return shape.is_placeholder and shape.has_text_frame and bool(shape._element.xpath(".//a:pPr/a:buChar"))


def _is_drawn(slide) -> bool:
    """A slide with a table, a picture or the pathway's boxes: the 'title only' layout's job."""
    return any(s.has_table or s.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.AUTO_SHAPE) for s in slide.shapes)


def _picture_placeholders(layout) -> set:
    return {ph.placeholder_format.type for ph in layout.placeholders} & PICTURE_KINDS


def _rect(shape) -> tuple[float, float, float, float]:
    """The shape's rectangle in points. python-pptx resolves a placeholder without its own position
    from its layout placeholder, then from the master's; a table is its graphic frame."""
    left, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
    return left, top, left + shape.width / EMU_PER_PT, top + shape.height / EMU_PER_PT


def _text_rects(slide, tables_reach: float | None = None) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(name, rectangle) of every shape on the slide that holds text. ``tables_reach``: a table's
    rectangle goes down to this y (points) instead of its frame's bottom."""
    rects = []
    for shape in slide.shapes:
        if shape.has_table:
            x0, y0, x1, y1 = _rect(shape)
            rects.append((shape.name, (x0, y0, x1, max(y1, tables_reach or y1))))
        elif shape.has_text_frame and shape.text_frame.text.strip():
            rects.append((shape.name, _rect(shape)))
    return rects


def _footer_top(slide, prs) -> float:
    """Where leafdeck's footer starts (points), or the slide's bottom."""
    footer = next((s for s in slide.shapes if s.name == "Footer"), None)
    return (footer.top if footer is not None else prs.slide_height) / EMU_PER_PT


def _scaled(word, prs, page: tuple[float, float]):
    """The word's box in slide points (the PDF page may be a rounding off the slide's size)."""
    fx, fy = prs.slide_width / EMU_PER_PT / page[0], prs.slide_height / EMU_PER_PT / page[1]
    return word.x0 * fx, word.y0 * fy, word.x1 * fx, word.y1 * fy


def _inside(box, rect, tolerance: float = TOLERANCE_PT) -> bool:
    return (
        box[0] >= rect[0] - tolerance
        and box[1] >= rect[1] - tolerance
        and box[2] <= rect[2] + tolerance
        and box[3] <= rect[3] + tolerance
    )


def _words_outside(deck: Rendered, rects_of) -> list[str]:
    """Every drawn word that lies in none of the rectangles ``rects_of(slide)`` gives, described."""
    problems = []
    for number, slide in enumerate(deck.prs.slides, start=1):
        rects = rects_of(slide)
        for word in deck.words.get(number, []):
            box = _scaled(word, deck.prs, deck.pages[number - 1])
            if not any(_inside(box, rect) for _, rect in rects):
                problems.append(
                    f"{_where(deck.name, number, slide)}: {word.text!r} at "
                    f"({box[0]:.0f},{box[1]:.0f})-({box[2]:.0f},{box[3]:.0f}) pt is in none of "
                    + ", ".join(f"{n} ({r[0]:.0f},{r[1]:.0f})-({r[2]:.0f},{r[3]:.0f})" for n, r in rects)
                )
    return problems


def _report(problems: list[str], limit: int = 12) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems[:limit])


# Colours, read back from the deck: a scheme colour through the theme (and the master's colour map).


def _theme_colours(prs) -> dict[str, str]:
    root = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    colours = {}
    for slot in root.find(f".//{qn('a:clrScheme')}"):
        value = slot[0]
        colours[etree.QName(slot).localname] = (
            value.get("val") if value.tag == qn("a:srgbClr") else value.get("lastClr")
        )
    mapping = prs.slide_master._element.find(qn("p:clrMap")).attrib
    for alias in ("bg1", "tx1", "bg2", "tx2"):
        colours[alias] = colours[mapping[alias]]
    return colours


def _solid_colour(parent, colours: dict[str, str]) -> str | None:
    """The RRGGBB of ``parent``'s own solid fill, or None when it has none (inherited)."""
    fill = parent.find(qn("a:solidFill")) if parent is not None else None
    if fill is None or not len(fill):
        return None
    value = fill[0]
    return value.get("val") if value.tag == qn("a:srgbClr") else colours.get(value.get("val"))


def _contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two RRGGBB colours."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# -- the build ------------------------------------------------------------------------------------


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_tiny_content_builds(template, project, run):
    """The tiny content builds a deck per language on the template, without a crash."""
    result = run(project, "--product", "deck", "--template", str(template.path))
    _no_crash(result)
    assert result.code == 0, result.err
    from generator.loading.content import load_content

    languages = {
        lang for c in load_content(project / "content", project / "images").conditions for lang in c.condition.languages
    }
    built = sorted((project / "output").rglob("*_deck.pptx"))
    assert {path.parent.name for path in built} == languages, built


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_shipped_content_builds(template, decks):
    """Every shipped condition and language builds a deck on the template, without a crash."""
    _no_crash(decks.shipped)
    assert decks.shipped.code == 0, decks.shipped.err
    missing = [
        f"{condition}_{lang}_deck"
        for condition, lang in shipped_languages()
        if f"{condition}_{lang}_deck" not in decks.paths
    ]
    assert not missing, missing


# -- the deck, read back with python-pptx ---------------------------------------------------------


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_every_slide_has_a_unique_title_and_notes(template, decks):
    """A speaker navigates by titles and talks from the notes: every slide has both, titles unique."""
    problems = []
    for name, prs in decks.presentations():
        titles = [_title_text(slide) for slide in prs.slides]
        problems += [f"{name}: slide {n} has no title" for n, t in enumerate(titles, start=1) if not t.strip()]
        problems += [
            f"{name}: title {t!r} is used {titles.count(t)} times"
            for t in sorted(set(titles))
            if t.strip() and titles.count(t) > 1
        ]
        problems += [
            f"{_where(name, n, slide)} has no notes"
            for n, slide in enumerate(prs.slides, start=1)
            if not (slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip())
        ]
    assert not problems, _report(problems)


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_deck_keeps_the_template_but_not_its_slides(template, decks):
    """The deck has the template's slide size and layouts; the template's example slide is gone,
    not only from the slide list but from the package."""
    source = Presentation(str(template.path))
    for name, prs in decks.presentations():
        assert (prs.slide_width, prs.slide_height) == (source.slide_width, source.slide_height), name
        assert [la.name for la in prs.slide_layouts] == [la.name for la in source.slide_layouts], name
        assert EXAMPLE_TITLE not in [_title_text(slide) for slide in prs.slides], name
        with zipfile.ZipFile(decks.paths[name]) as package:
            slide_parts = [n for n in package.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")]
            assert len(slide_parts) == len(prs.slides), (name, slide_parts)
            assert not [n for n in slide_parts if EXAMPLE_BODY.encode() in package.read(n)], name


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_layouts_are_chosen_by_role(template, decks):
    """The cover on the title layout, bullets on the title-and-content layout, tables, pathway and
    pictures on the title-only layout; found by type, or by placeholders where layouts have no type
    (whatever the layouts are called). Never a layout with a picture placeholder."""
    roles, problems = template.roles, []
    for name, prs in decks.presentations():
        for number, slide in enumerate(prs.slides, start=1):
            layout, where = slide.slide_layout.name, _where(name, number, slide)
            if _picture_placeholders(slide.slide_layout):
                problems.append(f"{where} is on {layout!r}, a layout with a picture placeholder")
            expected = (
                roles.cover
                if number == 1
                else roles.drawn
                if _is_drawn(slide)
                else roles.bullets
                if any(_has_bullets(s) for s in slide.shapes)
                else None
            )
            if expected and layout != expected:
                problems.append(f"{where} is on {layout!r}, expected {expected!r}")
        used = {slide.slide_layout.name for slide in prs.slides}
        if used != {roles.cover, roles.divider, roles.bullets, roles.drawn}:
            problems.append(f"{name} uses the layouts {sorted(used)}, expected {roles}")
    assert not problems, _report(problems)


def test_a_photo_layout_is_never_used_for_text(photo_backdrop, project, run):
    """A custom photo layout whose text box is larger than the bullets layout's is still a photo
    layout: no slide may be built on it."""
    result = run(project, "--product", "deck", "--template", str(photo_backdrop))
    assert result.code == 0, result.err
    for path in sorted((project / "output").rglob("*_deck.pptx")):
        prs = Presentation(str(path))
        on_photo = [
            f"{_where(path.stem, n, s)} on {s.slide_layout.name!r}"
            for n, s in enumerate(prs.slides, start=1)
            if _picture_placeholders(s.slide_layout)
        ]
        assert not on_photo, on_photo


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_text_is_large_enough_to_read_from_the_back(template, decks):
    """Slide text (titles, bullets, captions, details, pathway) at least 18 pt, table text at least
    14 pt, as the runs' sizes say; the 12 pt footer is the only exception."""
    problems = []
    for name, prs in decks.presentations():
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.shapes:
                if shape.name == "Footer":
                    continue
                for in_table, frame in _frames(shape):
                    least = MIN_TABLE_PT if in_table else MIN_BODY_PT
                    for run in (r for p in frame.paragraphs for r in p.runs if r.text.strip()):
                        size = run.font.size.pt if run.font.size is not None else None
                        if size is None or size < least:
                            problems.append(
                                f"{_where(name, number, slide)} {shape.name}: {run.text[:40]!r} "
                                f"at {size} pt (at least {least})"
                            )
    assert not problems, _report(problems)


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_table_text_contrasts_with_its_cell(template, decks):
    """Every table cell's text is readable on its fill (WCAG 4.5:1), colours resolved through the
    template's theme: the header on the accent colour is dark when the accent is light."""
    problems = []
    for name, prs in decks.presentations():
        colours = _theme_colours(prs)
        for number, slide in enumerate(prs.slides, start=1):
            for shape in (s for s in slide.shapes if s.has_table):
                for row in shape.table.rows:
                    for cell in row.cells:
                        fill = _solid_colour(cell._tc.tcPr, colours)
                        for run in (r for p in cell.text_frame.paragraphs for r in p.runs if r.text.strip()):
                            text = _solid_colour(run._r.rPr, colours)
                            if fill is None or text is None or _contrast(text, fill) < MIN_CONTRAST:
                                problems.append(
                                    f"{_where(name, number, slide)}: {run.text[:30]!r} in {text} on "
                                    f"{fill}" + (f" ({_contrast(text, fill):.1f}:1)" if fill and text else "")
                                )
    assert not problems, _report(problems)


# -- the deck as LibreOffice Impress draws it -----------------------------------------------------


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_every_slide_is_one_page(template, rendered):
    """LibreOffice exports one page per slide: no slide is hidden, lost or split."""
    counts = {deck.name: (len(deck.prs.slides), len(deck.pages)) for deck in rendered}
    assert all(slides == pages for slides, pages in counts.values()), counts


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_every_word_is_drawn_on_its_slide(template, rendered):
    """No word runs off a slide: every word LibreOffice draws lies inside the page."""
    problems = []
    for deck in rendered:
        for number, (width, height) in enumerate(deck.pages, start=1):
            problems += [
                f"{deck.name} page {number}: {w!r} is outside the {width:.0f} x {height:.0f} pt page"
                for w in deck.words.get(number, [])
                if not w.inside(0, 0, width, height, TOLERANCE_PT)
            ]
    assert not problems, _report(problems)


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_every_word_is_inside_a_text_shape(template, rendered):
    """Every drawn word lies inside the rectangle of a shape of its slide that holds text (placeholder
    geometry inherited from layout and master, text boxes, pathway boxes), within 2 pt. A table may
    reach down to the footer here; that it keeps to its frame is the next test."""
    problems = []
    for deck in rendered:
        problems += _words_outside(
            deck, lambda slide, deck=deck: _text_rects(slide, tables_reach=_footer_top(slide, deck.prs))
        )
    assert not problems, _report(problems)


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_tables_keep_to_their_frame(template, rendered):
    """Every word of a table lies inside the table's frame, as leafdeck measured it: rows LibreOffice
    must make taller push the table down towards the footer."""
    problems = []
    for deck in rendered:
        problems += _words_outside(deck, _text_rects)
    assert not problems, _report(problems)


@pytest.mark.parametrize("template", templates(NOTHING_BUILDS), indirect=True)
def test_no_word_is_drawn_over_another(template, rendered):
    """Text that moved (a title grown taller, a details line, a caption) never lands on other text:
    no two drawn words overlap (lines of one paragraph touch by their font boxes, a quarter at most)."""
    problems = []
    for deck in rendered:
        for number, on_page in deck.words.items():
            for i, one in enumerate(on_page):
                for other in on_page[i + 1 :]:
                    across = min(one.x1, other.x1) - max(one.x0, other.x0)
                    down = min(one.y1, other.y1) - max(one.y0, other.y0)
                    if across > 1 and down > 0.25 * min(one.y1 - one.y0, other.y1 - other.y0):
                        problems.append(f"{deck.name} page {number}: {one!r} overlaps {other!r}")
    assert not problems, _report(problems)
