"""Pour flowables into a chain of columns, as a layout result that can be judged before drawing.

The brochure's panels are a chain (rinohtype calls it that): text runs from one panel into the
next in reading order. :func:`pour` lays a story out with reportlab's public flowable protocol
(``wrap``, ``split``, ``getSpaceBefore``/``getSpaceAfter``) and returns what went where and what did
not fit; nothing is drawn, so a layout can be tried at several sizes (:func:`balance`) and an
overflow is a value, not an exception. :func:`draw` then paints one chosen result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from generator.render.pdf import memo
from generator.render.pdf.compat import wrap_once

FUZZ = 1e-6
HEADING_COMPANY_LINES = 2  # a heading needs room for itself and two lines of what follows


@dataclass(frozen=True)
class Column:
    """A rectangle text flows through: ``x`` and ``top`` in canvas coordinates (points)."""

    x: float
    top: float
    width: float
    height: float

    def shortened(self, height: float) -> Column:
        return Column(self.x, self.top, self.width, min(height, self.height))


class Drawable(Protocol):
    """What :func:`draw` needs of a placed piece (reportlab's flowables, with drawOn's ``_sW``)."""

    def wrap(self, aW: float, aH: float, /) -> tuple[float, float]: ...  # noqa: N803

    def drawOn(self, canvas: Any, x: float, y: float, /, _sW: float = 0) -> Any: ...  # noqa: N802, N803 - reportlab's names


@dataclass(frozen=True)
class Placed:
    flowable: Drawable
    column: int
    y: float  # distance from the column's top to the flowable's top
    width: float
    height: float
    continued: bool = False  # the first part of a split flowable: the rest is in the next column


@dataclass
class Flow:
    """Where every placed piece went, and what is left over."""

    columns: list[Column]
    placed: list[Placed] = field(default_factory=list)
    leftover: list = field(default_factory=list)

    @property
    def fits(self) -> bool:
        return not self.leftover

    def used(self, column: int) -> float:
        """Height used in a column, from its top to the bottom of its last piece."""
        return max((p.y + p.height for p in self.placed if p.column == column), default=0.0)


def pour(story: list, columns: list[Column]) -> Flow:
    """Fill the columns in order, splitting a flowable between two columns where it allows it.

    Follows reportlab's frame rules: no space before the first piece of a column, a piece fits
    when its wrapped height does. A heading (a style with ``keepWithNext``) is not left alone at the
    bottom of a column: it moves on unless two lines of what follows fit under it.
    """
    flow = Flow(list(columns))
    pending = list(story)
    for index, column in enumerate(columns):
        y, at_top = 0.0, True
        while pending:
            head = pending[0]
            gap = 0.0 if at_top else head.getSpaceBefore()
            available = column.height - y - gap
            if available <= FUZZ:
                break
            width, height = wrap_once(head, column.width, available)
            if not at_top and _strands(head, height, available):
                break
            if height <= available + FUZZ:
                flow.placed.append(Placed(head, index, y + gap, width, height))
                y += gap + height + head.getSpaceAfter()
                at_top = False
                pending.pop(0)
                continue
            pieces = head.split(column.width, available)
            if len(pieces) < 2:
                break  # the next column; taller than any column: it stays left over
            _inherit(head, pieces)
            width, height = pieces[0].wrap(column.width, available)
            if height > available + FUZZ:
                break
            flow.placed.append(Placed(pieces[0], index, y + gap, width, height, continued=True))
            pending[0:1] = pieces[1:]
            break  # the rest goes on in the next column
    flow.leftover = pending
    return flow


def balance(story: list, columns: list[Column], precision: float = 1.0, slack: float = 0.4) -> Flow:
    """The story spread evenly over all columns instead of filling the first ones to the brim.

    Every column is cut to a common height: the smallest that still holds the story, or up to
    ``slack`` (40 %) more where that gives cleaner breaks (:func:`badness`: a column should not end
    in the middle of a paragraph or list, and should start with a heading). If the story does not
    fit at full height, that (overflowing) flow is returned.
    """
    full = pour(story, columns)
    if not full.fits:
        return full
    tallest = max(c.height for c in columns)
    low, high = 0.0, tallest
    while high - low > precision:
        middle = (low + high) / 2
        if pour(story, [c.shortened(middle) for c in columns]).fits:
            high = middle
        else:
            low = middle
    candidates = []
    steps = 8
    for k in range(steps + 1):
        height = min(tallest, high * (1 + slack * k / steps))
        trial = pour(story, [c.shortened(height) for c in columns])
        if trial.fits:
            candidates.append((badness(trial, height), k, trial))
    return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else full


def badness(result: Flow, height: float) -> float:
    """How awkward the breaks between columns are: an empty column (10), a paragraph, list or
    pathway broken between two columns (3), a column that starts in the middle of a section (1),
    plus how unevenly the columns are filled (0 to 1)."""
    by_column: list[list[Placed]] = [[] for _ in result.columns]
    for piece in result.placed:
        by_column[piece.column].append(piece)
    score = 10.0 * sum(1 for column in by_column if not column)
    for i in range(len(by_column) - 1):
        here, there = by_column[i], by_column[i + 1]
        if not here or not there:
            continue
        if here[-1].continued:
            score += 3
        first = there[0].flowable
        same_section = (
            memo.of(first).section is not None and memo.of(first).section == memo.of(here[-1].flowable).section
        )
        if same_section and not _is_heading(first):
            score += 1
    used = [result.used(i) for i in range(len(by_column)) if by_column[i]]
    if used and height > 0:
        score += (max(used) - min(used)) / height
    return score


def _is_heading(flowable) -> bool:
    return bool(getattr(getattr(flowable, "style", None), "keepWithNext", 0))


def draw(flow: Flow, canvas) -> None:
    """Paint a flow. Call right after the :func:`pour` that made it: drawing uses each piece's
    last wrap, which that pour did."""
    for piece in flow.placed:
        column = flow.columns[piece.column]
        piece.flowable.wrap(column.width, piece.height + 1)
        piece.flowable.drawOn(canvas, column.x, column.top - piece.y - piece.height, _sW=column.width - piece.width)


def height_of(flowables: list, width: float) -> float:
    """Height the flowables take stacked in a column ``width`` wide (spaces between them included)."""
    total = 0.0
    for i, flowable in enumerate(flowables):
        total += (flowable.getSpaceBefore() if i else 0.0) + flowable.wrap(width, 10**6)[1] + flowable.getSpaceAfter()
    return total


def _strands(head, height: float, available: float) -> bool:
    style = getattr(head, "style", None)
    if not getattr(style, "keepWithNext", 0):
        return False
    line = getattr(style, "leading", 14)
    return height + HEADING_COMPANY_LINES * line > available + FUZZ


def _inherit(head, pieces: list) -> None:
    """Split pieces keep the content position and section of the flowable they came from."""
    for piece in pieces:
        memo.inherit(head, piece, "source", "section")
