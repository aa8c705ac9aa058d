"""Step 1 of tagging, while drawing: marked content. A flowable with a tag path is drawn inside
``/Role <</MCID n>> BDC ... EMC`` on a TaggingCanvas and its MCID recorded against the structure
element the path names; decoration is drawn inside ``/Artifact BDC ... EMC``."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from generator.render.pdf import compat, memo

Path_ = tuple[tuple[str, object], ...]


class OrderedList:
    """The key of a numbered list's ``L`` element (a pathway's steps): tagged /ListNumbering /Decimal."""


@dataclass(eq=False)
class Element:
    role: str
    parent: Element | None = None
    kids: list = field(default_factory=list)  # Element or (page index, mcid)
    alt: str | None = None
    scope: str | None = None
    group: str = ""  # brochure: which part of the sheet (for reading order)
    uri: str | None = None  # Link: its target, to find its annotations
    numbering: str | None = None  # L: /ListNumbering (Decimal for a pathway's steps)
    column: int = 0  # TH, TD: the column in reading order


def _add_kid(parent: Element, kid: Element, key: object) -> None:
    """Kids in the order they are drawn; a table's cells (keyed (row, column)) in their columns' order,
    which a table drawn right to left draws from the last."""
    if kid.role in ("TH", "TD") and isinstance(key, tuple):
        column = key[1]
        for at, sibling in enumerate(parent.kids):
            if isinstance(sibling, Element) and sibling.role in ("TH", "TD") and sibling.column > column:
                parent.kids.insert(at, kid)
                kid.column = column
                return
        kid.column = column
    parent.kids.append(kid)


class Tagger:
    """The structure tree being built while a PDF is drawn."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self._elements: dict[tuple, Element] = {}
        self.marks: dict[int, list[Element]] = {}  # page index -> element per MCID
        self.group = ""

    def element(self, path: Path_, alt: str | None = None, scope: str | None = None, uri: str | None = None) -> Element:
        parent = self.root
        prefix: Path_ = ()
        for role, key in path:
            prefix = (*prefix, (role, key))
            found = self._elements.get(prefix)
            if found is None:
                last = prefix == path
                found = Element(
                    role,
                    parent,
                    alt=alt if last else None,
                    scope=scope if last else None,
                    group=self.group,
                    uri=uri if last else None,
                    numbering="Decimal" if role == "L" and isinstance(key, OrderedList) else None,
                )
                _add_kid(parent, found, key)
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


def tag_role(
    flowable, *path: tuple[str, object], alt: str | None = None, scope: str | None = None, uri: str | None = None
):
    """Give ``flowable`` its place in the structure; its drawing becomes marked content."""
    compat.retype(flowable, _tagged_class(type(flowable)))  # type: ignore[arg-type]  # mypy#11470: type[Any] is hashable
    memo.attach(flowable).structure = (tuple(path), alt, scope, uri)
    return flowable


def as_artifact(flowable):
    """Drawn, but not content (decoration): screen readers skip it."""
    compat.retype(flowable, _tagged_class(type(flowable)))  # type: ignore[arg-type]  # mypy#11470: type[Any] is hashable
    memo.attach(flowable).structure = None
    return flowable


@cache
def _tagged_class(base: type[Any]) -> type:
    # base: a Flowable class, typed loosely because reportlab's stubs leave out drawOn's _sW.
    if getattr(base, "_leafdeck_tagged", False):
        return base

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803 - reportlab's names
        if not isinstance(canvas, TaggingCanvas):
            return base.drawOn(self, canvas, x, y, _sW)
        spec = memo.of(self).structure
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
                memo.attach(piece).structure = memo.of(self).structure
        return pieces

    return type(base.__name__, (base,), {"drawOn": drawOn, "split": split, "_leafdeck_tagged": True})


def is_tagged(flowable) -> bool:
    """Whether the flowable was given a structure role or made an artifact (its class draws marked)."""
    return bool(getattr(type(flowable), "_leafdeck_tagged", False))


def artifact_table_class(base: type) -> type:
    """A Table whose backgrounds and rules are artifacts; its cells carry their own tags."""
    return compat.table_with_rules_inside(base, artifact)


# -- after the build ------------------------------------------------------------------------------
