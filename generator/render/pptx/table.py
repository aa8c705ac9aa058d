"""The deck's tables as numbers: cell contents, column widths, row heights, and how the detailed
table is cut into slides (each slide filled, a long row cut between its items) — no python-pptx here,
so the arithmetic is tested without drawing a slide."""

from __future__ import annotations

from pptx.util import Emu, Inches, Pt

from generator.diagnostics import Location
from generator.render.errors import LayoutProblem
from generator.render.pptx import measure as fit
from generator.render.pptx.xml import DeckPara, runs_of

CELL_MARGIN_X, CELL_MARGIN_Y = Inches(0.08), Inches(0.05)
DETAIL_SIZE = 14  # the appendix table


def detail_cells(row) -> list[list[DeckPara]]:
    name, indications, contraindications, course = row.cells
    return [
        [DeckPara(runs_of(name.paragraphs[0], bold=True), source=row.source)],
        [DeckPara(runs_of(b), bullet=True) for b in indications.bullets],
        [DeckPara(runs_of(b), bullet=True) for b in contraindications.bullets],
        [DeckPara(runs_of(p)) for p in course.paragraphs],
    ]


SPLIT_WORTH = 0.3  # a row is cut to fill a slide only where at least this share of the table area is left


def fill_slides(rows, widths, room: float, continued: str) -> list[list[tuple]]:
    """Table rows onto slides, each slide filled before the table continues: a row that does not fit
    the space left is cut between its list items (the rest goes on, under "Name (forts.)", on the next
    slide) when that space is worth it, or moves on whole; a row taller than a whole slide is cut too."""
    chunks: list[list[tuple]] = []
    current: list[tuple] = []
    used = 0.0
    for row, cells in rows:
        pending, first = cells, True
        while pending is not None:
            height = row_height(pending, widths, DETAIL_SIZE)
            space = room - used
            if height <= space:
                current.append((row, pending))
                used += height
                break
            if current and space < SPLIT_WORTH * room:
                chunks.append(current)
                current, used = [], 0.0
                continue
            part, rest = cut_row(pending, widths, space, first, continued)
            if part is None:
                if not current:
                    raise LayoutProblem(
                        f"a line of the table row '{row.key}' is taller than a slide at {DETAIL_SIZE} pt",
                        row.source,
                        "shorten this treatment's indications or contraindications",
                    )
                chunks.append(current)
                current, used = [], 0.0
                continue
            current.append((row, part))
            chunks.append(current)
            current, used = [], 0.0
            pending, first = rest, False
    if current:
        chunks.append(current)
    return chunks


def spread_slides(rows, widths, room: float, continued: str) -> list[list[tuple]]:
    """Table rows spread evenly over the slides they need, whole rows only, the way the brochure
    spreads its text over panels: no slide left with one row while the others are full. Only when
    whole rows cannot share the slides out (a row taller than a slide) are slides filled before
    the table continues, rows cut between their items (:func:`fill_slides`)."""
    filled = fill_slides(rows, widths, room, continued)
    if len(filled) < 2:
        return filled
    heights = [row_height(cells, widths, DETAIL_SIZE) for _, cells in rows]
    for count in (len(filled), len(filled) + 1):  # whole rows may need one slide more than cut ones
        chunks = even_chunks(heights, count, room)
        if chunks is not None:
            return [[rows[i] for i in chunk] for chunk in chunks]
    return filled


def cut_row(cells, widths, limit: float, first: bool, continued: str):
    """(the part of a row that fits ``limit``, the rest) — each list cut between its items, the
    treatment's name heading both parts ("Laser (forts.)" on the second); (None, cells) if no item fits."""
    name = plain_name(cells[0])
    base = name if first else name.removesuffix(f" ({continued})")
    head = cells[0] if first else [DeckPara.of(f"{base} ({continued})", bold=True)]
    part = [head, [], [], []]
    rest = [[DeckPara.of(f"{base} ({continued})", bold=True)], list(cells[1]), list(cells[2]), list(cells[3])]
    for c in (1, 2, 3):
        while rest[c]:
            trial = [*part[:c], part[c] + [rest[c][0]], *part[c + 1 :]]
            if row_height(trial, widths, DETAIL_SIZE) > limit:
                break
            part[c].append(rest[c].pop(0))
    if not any(part[1:]):
        return None, cells
    return part, (rest if any(rest[1:]) else None)


def plain_name(paras: list[DeckPara]) -> str:
    return "".join(p.text for p in paras)


def even_chunks(heights: list[float], count: int, room: float) -> list[list[int]] | None:
    """Row indexes cut into exactly ``count`` consecutive chunks, each within ``room``, as even as
    possible: the tallest chunk as low as it can be, then the shortest as tall as it can be (so the
    last slide is not left with one row while the others are full); None if they cannot fit."""
    if not heights or count > len(heights) or max(heights) > room:
        return None
    ends = [0.0]
    for h in heights:
        ends.append(ends[-1] + h)

    def partition(shortest: float, tallest: float) -> list[list[int]] | None:
        """A cut into ``count`` chunks whose heights lie between the two, or None."""
        n = len(heights)
        # reach[k][i]: the first i rows can make k chunks; the start of the last chunk, to trace back
        reach: list[dict[int, int]] = [{0: 0}] + [{} for _ in range(count)]
        for k in range(1, count + 1):
            for i in range(k, n + 1):
                for j in reach[k - 1]:
                    if j < i and shortest - 1e-9 <= ends[i] - ends[j] <= tallest + 1e-9:
                        reach[k][i] = j
                        break
        if n not in reach[count]:
            return None
        chunks, i = [], n
        for k in range(count, 0, -1):
            j = reach[k][i]
            chunks.append(list(range(j, i)))
            i = j
        return chunks[::-1]

    if partition(0.0, room) is None:
        return None
    low, high = max(heights), min(room, ends[-1])
    for _ in range(40):  # the lowest tallest chunk
        middle = (low + high) / 2
        low, high = (low, middle) if partition(0.0, middle) is not None else (middle, high)
    tallest = high
    low, high = 0.0, tallest
    for _ in range(40):  # then the tallest shortest chunk
        middle = (low + high) / 2
        low, high = (middle, high) if partition(middle, tallest) is not None else (low, middle)
    return partition(low, tallest)


def column_widths(
    total: int, rows: list[list[list[DeckPara]]], shares, size: float, source: Location | None
) -> list[int]:
    """Column widths in EMU: the base shares, but never narrower than a column's longest word
    (a word broken mid-way is unreadable); the other columns give up the difference."""
    minimum = [0.0] * len(shares)
    for cells in rows:
        for c, paras in enumerate(cells):
            word = Pt(fit.widest_word([p.measure() for p in paras], size))
            minimum[c] = max(minimum[c], word + 2 * CELL_MARGIN_X + Pt(1))
    widths = [total * f for f in shares]
    for _ in range(len(widths)):
        short = [c for c, w in enumerate(widths) if w < minimum[c]]
        if not short:
            break
        need = sum(minimum[c] - widths[c] for c in short)
        others = [c for c in range(len(widths)) if c not in short]
        spare = sum(widths[c] - minimum[c] for c in others)
        if spare < need:
            raise LayoutProblem(
                "the comparison table has words too long for its columns on a slide",
                source,
                "shorten the longest words (or write them with a hyphen) in the table",
            )
        for c in short:
            widths[c] = minimum[c]
        for c in others:
            widths[c] -= need * (widths[c] - minimum[c]) / spare
    return [int(w) for w in widths]


def row_height(cells: list[list[DeckPara]], widths: list[int], size: float) -> float:
    """EMU height of a table row: its tallest cell, measured, plus margins and the safety margin."""
    tallest = 0.0
    for paras, w in zip(cells, widths):
        inner = Emu(int(w - 2 * CELL_MARGIN_X)).pt
        tallest = max(
            tallest, fit.height([p.measure() for p in paras], inner, size) if paras else size * fit.LINE_FACTOR
        )
    needed = (tallest + fit.SAFETY_POINTS) / (1 - fit.SAFETY_FRACTION)
    return Pt(needed) + 2 * CELL_MARGIN_Y
