"""Tagged PDF on top of reportlab: marked content while drawing, the structure tree afterwards.

Open-source reportlab writes no structure, so a screen reader meets an untagged PDF. This module
adds it in two steps (a route that leans on a few reportlab internals, pinned by the version range
in pyproject.toml and by tests of the structure output):

1. While drawing: every content flowable carries a *tag path* (``(("L", key), ("LI", key),
   ("LBody", key))``) from :func:`tag_role`. On a :class:`TaggingCanvas` its drawing is wrapped in
   ``/Role <</MCID n>> BDC ... EMC`` and the MCID is recorded against the structure element the
   path names; everything else painted (page decoration, table backgrounds and rules, repeated
   header rows, the DRAFT mark, crop marks) goes inside ``/Artifact BDC ... EMC``. A flowable
   split over pages keeps its path, so it stays one element. Line ends get their space back.
2. After the build: :func:`finish` writes the StructTreeRoot, ParentTree, StructParents, MarkInfo,
   DisplayDocTitle, /Tabs /S, XMP (dc:title, dc:language, pdfuaid:part 1, pdfaid:part 2) and an sRGB
   output intent with pikepdf.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from generator.render.pdf import compat, marks

Path_ = tuple[tuple[str, object], ...]


class OrderedList:
    """The key of a numbered list's ``L`` element (a pathway's steps): tagged /ListNumbering /Decimal."""


@dataclass(eq=False)
class Element:
    role: str
    parent: "Element | None" = None
    kids: list = field(default_factory=list)      # Element or (page index, mcid)
    alt: str | None = None
    scope: str | None = None
    group: str = ""                                 # brochure: which part of the sheet (for reading order)
    uri: str | None = None                          # Link: its target, to find its annotations
    numbering: str | None = None                    # L: /ListNumbering (Decimal for a pathway's steps)


class Tagger:
    """The structure tree being built while a PDF is drawn."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self._elements: dict[tuple, Element] = {}
        self.marks: dict[int, list[Element]] = {}  # page index -> element per MCID
        self.group = ""

    def element(self, path: Path_, alt: str | None = None, scope: str | None = None,
                uri: str | None = None) -> Element:
        parent = self.root
        prefix: Path_ = ()
        for role, key in path:
            prefix = (*prefix, (role, key))
            found = self._elements.get(prefix)
            if found is None:
                last = prefix == path
                found = Element(role, parent, alt=alt if last else None, scope=scope if last else None,
                                group=self.group, uri=uri if last else None,
                                numbering="Decimal" if role == "L" and isinstance(key, OrderedList) else None)
                parent.kids.append(found)
                self._elements[prefix] = found
            parent = found
        return parent

    def mark(self, page: int, element: Element) -> int:
        mcids = self.marks.setdefault(page, [])
        mcids.append(element)
        element.kids.append((page, len(mcids) - 1, self.group))
        return len(mcids) - 1


class TaggingCanvas(Canvas):
    """A canvas that wraps tagged drawing in marked content. ``tagger`` is set by the factory."""

    tagger: Tagger

    def beginText(self, x=0, y=0, direction=None):  # noqa: N802
        return compat.SpacedTextObject(self, x, y, direction=direction)

    def begin_mark(self, element: Element) -> None:
        mcid = self.tagger.mark(self.getPageNumber() - 1, element)
        self.addLiteral(f"/{element.role} <</MCID {mcid}>> BDC")

    def end_mark(self) -> None:
        self.addLiteral("EMC")


def tagging_canvas(base: type[Canvas] = Canvas, tagger: Tagger | None = None) -> type[Canvas]:
    """A canvas class (for ``canvasmaker``) that tags into ``tagger``."""
    return type("Tagging" + base.__name__, (TaggingCanvas, base), {"tagger": tagger})


@contextmanager
def artifact(canvas, kind: str = "Layout"):
    """Paint inside ``/Artifact`` on a tagging canvas; a no-op on any other."""
    tagged = isinstance(canvas, TaggingCanvas)
    if tagged:
        canvas.addLiteral(f"/Artifact <</Type /{kind}>> BDC")
    try:
        yield
    finally:
        if tagged:
            canvas.addLiteral("EMC")


# -- flowables ----------------------------------------------------------------------------------

def tag_role(flowable, *path: tuple[str, object], alt: str | None = None, scope: str | None = None,
             uri: str | None = None):
    """Give ``flowable`` its place in the structure; its drawing becomes marked content."""
    compat.retype(flowable, _tagged_class(type(flowable)))  # type: ignore[arg-type]  # mypy#11470: type[Any] is hashable
    flowable.leafdeck_tag = (tuple(path), alt, scope, uri)
    return flowable


def as_artifact(flowable):
    """Drawn, but not content (decoration): screen readers skip it."""
    compat.retype(flowable, _tagged_class(type(flowable)))  # type: ignore[arg-type]  # mypy#11470: type[Any] is hashable
    flowable.leafdeck_tag = None
    return flowable


@lru_cache(maxsize=None)
def _tagged_class(base: type[Any]) -> type:
    # base: a Flowable class, typed loosely because reportlab's stubs leave out drawOn's _sW.
    if getattr(base, "_leafdeck_tagged", False):
        return base

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - reportlab's name
        if not isinstance(canvas, TaggingCanvas):
            return base.drawOn(self, canvas, x, y, _sW)
        spec = self.leafdeck_tag
        if spec is None:
            with artifact(canvas):
                return base.drawOn(self, canvas, x, y, _sW)
        path, alt, scope, uri = spec
        element = canvas.tagger.element(path, alt, scope, uri)
        page = canvas.getPageNumber() - 1
        if element.role == "TH" and any(k[0] < page for k in element.kids if isinstance(k, tuple)):
            # The header row repeated on a continuation page: decoration, read once.
            with artifact(canvas, "Pagination"):
                return base.drawOn(self, canvas, x, y, _sW)
        canvas.begin_mark(element)
        try:
            return base.drawOn(self, canvas, x, y, _sW)
        finally:
            canvas.end_mark()

    def split(self, aW, aH):  # noqa: N803
        pieces = base.split(self, aW, aH)
        for piece in pieces:
            if piece is not self and hasattr(piece, "drawOn"):
                compat.retype(piece, _tagged_class(type(piece)))  # type: ignore[arg-type]  # mypy#11470: type[Any] is hashable
                piece.leafdeck_tag = self.leafdeck_tag
        return pieces

    return type(base.__name__, (base,), {"drawOn": drawOn, "split": split, "_leafdeck_tagged": True})


def artifact_table_class(base: type) -> type:
    """A Table whose backgrounds and rules are artifacts; its cells carry their own tags."""
    return compat.table_with_rules_inside(base, artifact)


# -- after the build ------------------------------------------------------------------------------

def _link_annotations(pdf, pages, tagger: Tagger, objects: dict, numbers) -> int:
    """Tie each link annotation to its Link element (OBJR, StructParent); give it a description
    (/Contents) and the print flag PDF/A asks for. Returns the next ParentTree key.

    An address wrapped over two lines has one annotation per line: each is matched to the Link
    element on its page with the same target, so the address stays one Link."""
    import pikepdf

    key = len(pages)
    element: Element | None
    for index, page in enumerate(pages):
        links: list[Element] = []
        for element in tagger.marks.get(index, []):
            if element.role == "Link" and element not in links:
                links.append(element)
        annots = [a for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        for order, annot in enumerate(annots):
            uri = annot.get("/A", {}).get("/URI")
            target = str(uri) if uri is not None else None
            element = next((e for e in links if e.uri is not None and e.uri == target), None)
            if element is None:
                element = links[order] if order < len(links) else None
            if element is None:
                continue
            obj = objects[id(element)]
            obj.K.append(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot, Pg=page.obj))
            annot.StructParent = key
            annot.F = 4
            annot.Contents = pikepdf.String(target.removeprefix("mailto:") if target is not None else element.role)
            numbers.append(key)
            numbers.append(obj)
            key += 1
    return key


@lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    """An sRGB ICC profile (from LittleCMS via Pillow) with a fixed creation date and no profile
    ID, so equal content still gives byte-identical PDFs."""
    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[24:36] = (2000).to_bytes(2, "big") + (1).to_bytes(2, "big") + (1).to_bytes(2, "big") + bytes(6)
    profile[84:100] = bytes(16)
    return bytes(profile)


def finish(data: bytes, tagger: Tagger, title: str, language: str, order: list[str] | None = None) -> bytes:
    """Write the structure tree and the PDF/UA + PDF/A identification into a built PDF."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    tree = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    pages = list(pdf.pages)

    if order:   # the reader's order of the brochure's panels, not the sheet's
        _reorder(tagger.root, order)
    objects: dict[int, pikepdf.Object] = {}

    def build(element: Element, parent) -> pikepdf.Object:
        obj = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + element.role),
                                                   P=parent))
        objects[id(element)] = obj
        if element.alt is not None:
            obj.Alt = pikepdf.String(element.alt)
        if element.scope:
            obj.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name("/" + element.scope))
        if element.numbering:
            obj.A = pikepdf.Dictionary(O=pikepdf.Name.List, ListNumbering=pikepdf.Name("/" + element.numbering))
        children = pikepdf.Array()
        for kid in element.kids:
            if isinstance(kid, Element):
                children.append(build(kid, obj))
            else:
                page, mcid, _ = kid
                children.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=pages[page].obj, MCID=mcid))
        obj.K = children
        return obj

    document = build(tagger.root, tree)
    tree.K = pikepdf.Array([document])
    numbers = pikepdf.Array()
    for index, page in enumerate(pages):
        page.obj.StructParents = index
        page.obj.Tabs = pikepdf.Name.S
        numbers.append(index)
        numbers.append(pdf.make_indirect(pikepdf.Array([objects[id(e)] for e in tagger.marks.get(index, [])])))
    next_key = _link_annotations(pdf, pages, tagger, objects, numbers)
    tree.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=numbers))
    tree.ParentTreeNextKey = next_key
    root.StructTreeRoot = tree
    root.MarkInfo = pikepdf.Dictionary(Marked=True)
    root.Lang = pikepdf.String(language)
    root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)

    icc = pdf.make_stream(_srgb_profile())
    icc.N = 3
    root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1, OutputConditionIdentifier=pikepdf.String("sRGB"),
        Info=pikepdf.String("sRGB IEC61966-2.1"), DestOutputProfile=icc)])

    if "/Trapped" in pdf.docinfo:
        del pdf.docinfo["/Trapped"]      # no XMP equivalent in PDF/A-2
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        meta["dc:title"] = title
        meta["dc:language"] = {language}
        meta["pdfuaid:part"] = "1"
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _reorder(element: Element, order: list[str]) -> int:
    """Sort every element's kids by the reading order of the sheet parts they were drawn in, and
    return the element's rank: its earliest part. The brochure's flap is drawn on the outside
    page but read after the inside, so text that continues from the inside onto the flap (one
    paragraph, one list) must still read inside first."""
    def rank_of(group: str) -> int:
        return order.index(group) if group in order else len(order)

    ranks = []
    for kid in element.kids:
        ranks.append(_reorder(kid, order) if isinstance(kid, Element) else rank_of(kid[2]))
    element.kids = [kid for _, kid in sorted(zip(ranks, element.kids), key=lambda pair: pair[0])]
    return min(ranks, default=rank_of(element.group))


# -- giving a story its structure ----------------------------------------------------------------

def tag_story(story: list, prefix: Path_ = ()) -> list:
    """Give every flowable of ``story`` (and inside tables and groups) its role, by what it is.

    Paragraph styles name headings (title -> H1, section headings -> H2); bullet paragraphs
    become L/LI/LBody; pictures become Figure with their alt text; the comparison table becomes
    Table/TR/TH/TD; layout tables (title band, callout box, back page) only lend their cells'
    content and paint their backgrounds and rules as artifacts.
    """
    for flowable in story:
        _tag_one(flowable, prefix)
    return story


def _tag_one(flowable, prefix: Path_) -> None:
    from reportlab.platypus import Image, Paragraph, Table

    kind = type(flowable).__name__
    if kind == "Pathway":
        # Its boxes and arrows are painted as artifacts by the flowable itself.
        steps = marks.marks_of(flowable).steps or OrderedList()
        marks.marks(flowable).steps = steps
        for number, text in zip(flowable.numbers, flowable.texts):
            item = object()
            tag_role(number, *prefix, ("L", steps), ("LI", item), ("Lbl", item))
            tag_role(text, *prefix, ("L", steps), ("LI", item), ("LBody", item))
    elif isinstance(flowable, Table):
        compat.retype(flowable, artifact_table_class(type(flowable)))
        structured = marks.marks_of(flowable).rows is not None
        table = object()
        for r, row in enumerate(compat.cell_values(flowable)):
            for c, cell in enumerate(row):
                if structured:
                    cell_role = ("TH", (r, c)) if r == 0 else ("TD", (r, c))
                    cell_path = (*prefix, ("Table", table), ("TR", r), cell_role)
                else:
                    cell_path = prefix
                for inner in cell if isinstance(cell, (list, tuple)) else [cell]:
                    if not hasattr(inner, "drawOn"):
                        continue
                    if structured and r == 0:
                        tag_role(inner, *cell_path, scope="Column")
                    elif structured:
                        _tag_cell(inner, cell_path)
                    else:
                        _tag_one(inner, cell_path)
    elif compat.is_container(flowable):   # Unbreakable, KeepTogether
        for inner in compat.contents(flowable):
            _tag_one(inner, prefix)
    elif isinstance(flowable, Paragraph):
        key = object()
        list_key = marks.marks_of(flowable).list_key
        if list_key is not None:
            tag_role(flowable, *prefix, ("L", list_key), ("LI", key), ("LBody", key))
        else:
            role = marks.marks_of(flowable).role or "P"
            tag_role(flowable, *prefix, (role, key), uri=marks.marks_of(flowable).href)
    elif isinstance(flowable, Image) or kind == "QrCode":
        tag_role(flowable, *prefix, ("Figure", object()), alt=(marks.marks_of(flowable).alt or ""))
    elif kind not in ("Spacer", "NextPageTemplate", "CondPageBreak") and hasattr(flowable, "drawOn"):
        as_artifact(flowable)


def _tag_cell(inner, cell_path: Path_) -> None:
    """Content of a data cell: paragraphs straight into the TD, bullets as a list inside it."""
    from reportlab.platypus import Paragraph

    if isinstance(inner, Paragraph) and marks.marks_of(inner).list_key is None:
        tag_role(inner, *cell_path)
    else:
        _tag_one(inner, cell_path)
