"""Clinical completeness, read back from the finished files: every indication, contraindication and
course of every treatment, whole, in order and in its own column or entry.

A patient who decides against a treatment because of a contraindication must find it in the
leaflet's table and in the brochure's entry; the deck's table cells are read back by
``test_deck.py``. Text is read by poppler (an independent reader), with positions, so a fact that is
printed in the wrong row or column fails as surely as one that is missing. Comparisons ignore
spaces and hyphens, so a word broken at a line end ("contra- indication") still counts as whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pytest

from support import facts
from support.content import CONTENT, output_file, shipped_variants
from support.tools import Word, panels_of, words

VARIANTS = shipped_variants()
MM = 72 / 25.4


def squeeze(text: str, rtl: bool = False) -> str:
    """Text as compared here: NFC, without spaces, hyphens (line-break or not), soft hyphens and bullets;
    right to left, letters and digits only (a reader's bidi order for brackets, dashes and stops is its own)."""
    if rtl:
        return "".join(re.findall(r"\w", unicodedata.normalize("NFC", text)))
    return re.sub(r"[\s\-\u00ad\u2010\u2011•]", "", unicodedata.normalize("NFC", text))


@dataclass
class Stream:
    """Words read in order, squeezed into one string that remembers where each character stood."""

    text: str
    where: list[Word]
    rtl: bool = False

    @classmethod
    def of(cls, ordered: list[Word], rtl: bool = False) -> Stream:
        text, where = [], []
        for word in ordered:
            piece = squeeze(word.text, rtl)
            text.append(piece)
            where += [word] * len(piece)
        return cls("".join(text), where, rtl)

    def find(self, needle: str, start: int, label: str) -> int:
        """Index just after ``needle`` found at or after ``start``; fails naming what is missing."""
        found = self.text.find(squeeze(needle, self.rtl), start)
        assert found >= 0, f"{label}: {needle!r} is not printed whole after position {start}"
        return found + len(squeeze(needle, self.rtl))

    def position(self, index: int) -> tuple[int, float]:
        word = self.where[min(index, len(self.where) - 1)]
        return word.page, word.y0


def text_words(pdf, rtl: bool) -> list[Word]:
    """The words a reader reads: not the DRAFT mark (its label, and the diagonal watermark, whose
    rotated letters poppler returns as boxes far wider than any upright letter: ``-nodiag`` would
    drop them but also the first upright word after them). A right-to-left page is read in a mirror
    (``support.tools.words``): its first column and panel on the left, as in any other language."""
    marks = {facts.read(path)["draft"] for path in (CONTENT / "labels").glob("*.yaml")}
    return [w for w in words(pdf, rtl) if w.text not in marks and (w.x1 - w.x0) / len(w.text) < 25]


def _reading(ws: list[Word], rtl: bool = False) -> list[Word]:
    """Top to bottom, left to right within one column of text. Right to left (words mirrored by
    ``support.tools.words``): a stretch of words without a right-to-left letter (numbers, Latin terms) is
    drawn left to right inside its line, so it is put back in its own order (the bidi algorithm's L2 undone)."""
    ordered = sorted(ws, key=lambda w: (w.page, round(w.y0), w.x0))
    if not rtl:
        return ordered
    out: list[Word] = []
    stretch: list[Word] = []
    for word in ordered:
        if any(unicodedata.bidirectional(c) in ("R", "AL") for c in word.text):
            out += reversed(stretch)
            stretch = []
            out.append(word)
        else:
            if stretch and (stretch[-1].page, round(stretch[-1].y0)) != (word.page, round(word.y0)):
                out += reversed(stretch)
                stretch = []
            stretch.append(word)
    return out + stretch[::-1]


# -- the leaflet: a three-column table ---------------------------------------------------------------


def _header_lines(all_words: list[Word], labels: tuple[str, str, str]) -> dict[int, tuple[float, list[float]]]:
    """Per page, the table header's top and the left edge of its three columns, found by the first
    word of each column heading standing side by side on one line."""
    firsts = [label.split()[0] for label in labels]
    found = {}
    for w in all_words:
        if w.text != firsts[0] or w.page in found:
            continue
        line = [v for v in all_words if v.page == w.page and abs(v.y0 - w.y0) < 2 and v.x0 >= w.x0]
        xs = [w.x0]
        for first in firsts[1:]:
            match = next((v for v in sorted(line, key=lambda v: v.x0) if v.text == first and v.x0 > xs[-1]), None)
            if match is None:
                break
            xs.append(match.x0)
        if len(xs) == 3:
            found[w.page] = (w.y1, xs)
    return found


def leaflet_columns(pdf, labels: tuple[str, str, str], rtl: bool) -> list[Stream]:
    """The three columns of the comparison table, each read down every page the table spans."""
    all_words = text_words(pdf, rtl)
    headers = _header_lines(all_words, labels)
    assert headers, f"{pdf.name}: the table's header row ({labels}) is not printed"
    columns: list[list[Word]] = [[], [], []]
    for w in all_words:
        if w.page not in headers:
            continue
        top, xs = headers[w.page]
        if w.y0 <= top + 1:
            continue
        middle = (w.x0 + w.x1) / 2
        for k in range(3):
            right = xs[k + 1] - 2 if k < 2 else float("inf")
            if xs[k] - 4 <= middle < right:
                columns[k].append(w)
    return [Stream.of(_reading(c, rtl), rtl) for c in columns]


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_leaflet_table_holds_every_fact_in_its_row_and_column(outputs, clinic, condition, lang):
    """The facts are read from the YAML (support.facts), not from leafdeck's document."""
    rows = facts.treatments(CONTENT, condition, lang)
    labels = facts.labels(CONTENT, lang)
    pdf = output_file(outputs, clinic, condition, lang, "leaflet")
    columns = (labels["treatment"], labels["indications_patient"], labels["contraindications_patient"])
    names, indications, contraindications = leaflet_columns(pdf, columns, facts.right_to_left(CONTENT, lang))
    # Where each treatment's row starts: its name in the first column, rows in the table's order.
    starts, cursor = [], 0
    for row in rows:
        end = names.find(row["name"], cursor, "treatment column")
        starts.append(names.position(end - len(squeeze(row["name"], names.rtl))))
        cursor = end
    starts.append((10**6, 0.0))
    cursors = {"course": 0, "indications": 0, "contraindications": 0}
    for i, row in enumerate(rows):
        for kind, stream, items in (
            ("indications", indications, row["indications"]),
            ("contraindications", contraindications, row["contraindications"]),
            ("course", names, [row["course"]]),
        ):
            for item in items:
                label = f"{pdf.name} {row['name']} {kind}"
                end = stream.find(item, cursors[kind], label)
                where = stream.position(end - 1)
                assert starts[i][0] < where[0] or (starts[i][0] == where[0] and starts[i][1] - 2 <= where[1]), (
                    f"{label}: {item!r} is printed above its treatment's row"
                )
                assert where < starts[i + 1], f"{label}: {item!r} is printed in the next treatment's row"
                cursors[kind] = end


# -- the brochure: one entry per treatment in the reading panels --------------------------------------


def brochure_reading(pdf, rtl: bool) -> Stream:
    """The brochure's inside panels, left to right, then the flap (the outside's first panel) — the
    order the text is read in once the sheet is folded (panels from the 100/100/97 mm print spec)."""
    from support.tools import pdfinfo_boxes

    boxes = pdfinfo_boxes(pdf)
    trim_x0 = boxes["Trim"][0] - boxes["Crop"][0]
    width = boxes["Trim"][2] - boxes["Trim"][0]
    inside, flap = panels_of(width, 2), panels_of(width, 1)[0]
    # The diagonal DRAFT mark, set smaller for a long word (WERSJA ROBOCZA), has rotated letters whose boxes
    # are taller than any upright word inside a brochure (headings are under 20 pt) or as wide per letter as
    # they are tall (an upright letter is half as wide): left out.
    all_words = [
        w for w in text_words(pdf, rtl) if w.y1 - w.y0 < 30 and (w.x1 - w.x0) / len(w.text) < 0.9 * (w.y1 - w.y0)
    ]
    ordered = []
    for page, (left, right) in [(2, p) for p in inside] + [(1, flap)]:
        ordered += _reading(
            [w for w in all_words if w.page == page and left <= (w.x0 + w.x1) / 2 - trim_x0 < right], rtl
        )
    return Stream.of(ordered, rtl)


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
@pytest.mark.parametrize("suffix", ["brochure", "brochure_print"])
def test_brochure_entries_hold_every_fact_after_its_label(outputs, clinic, condition, lang, suffix):
    """The facts are read from the YAML (support.facts), not from leafdeck's document."""
    rows = facts.treatments(CONTENT, condition, lang)
    labels = facts.labels(CONTENT, lang)
    pdf = output_file(outputs, clinic, condition, lang, suffix)
    text = brochure_reading(pdf, facts.right_to_left(CONTENT, lang))
    cursor = 0
    for i, row in enumerate(rows):
        label = f"{pdf.name} {row['name']}"
        cursor = text.find(f"{row['name']} – {row['course']}", cursor, label)
        following = squeeze(rows[i + 1]["name"], text.rtl) if i + 1 < len(rows) else None
        entry_end = text.text.find(following, cursor) if following else len(text.text)
        for heading, items in (
            (labels["indications_short"], row["indications"]),
            (labels["contraindications_short"], row["contraindications"]),
        ):
            cursor = text.find(heading, cursor, f"{label} {heading}")
            for item in items:
                cursor = text.find(item, cursor, f"{label} {heading}")
                assert cursor <= entry_end, f"{label}: {item!r} is printed outside its entry"
