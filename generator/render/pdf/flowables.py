"""leafdeck's own reportlab flowables: blocks placed whole or not at all, a block offering smaller
versions of itself, the patient pathway as numbered boxes, a picture with its caption that shrinks
into the room left, and the QR code drawn as plain squares."""

from __future__ import annotations

import io
import itertools
from typing import TypeVar, cast

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, Spacer

from generator.assets.images import prepared, upright_size
from generator.diagnostics import Location
from generator.document.model import Document, Figure
from generator.render.pdf import compat, memo
from generator.render.pdf.rtl import paragraph_for
from generator.render.pdf.styles import Styles
from generator.render.pdf.tagging import artifact, is_tagged
from generator.render.pdf.text import markup, plain_markup

F = TypeVar("F", bound=Flowable)


def located(flowable: F, source: Location | None) -> F:
    """The flowable, marked with the content line it was made from."""
    memo.attach(flowable).source = source
    return flowable


class Unbreakable(Flowable):
    """Flowables placed together or not at all (a picture with its caption, a table entry).

    Unlike reportlab's KeepTogether it needs no document template, so it also works when the
    brochure pours text into panel frames by hand.
    """

    def __init__(self, flowables: list[Flowable]):
        super().__init__()
        self.flowables = flowables
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, aw, ah):
        self._sizes = [f.wrap(aw, ah) for f in self.flowables]
        self.width = max((w for w, _ in self._sizes), default=0)
        self.height = sum(h + f.getSpaceBefore() + f.getSpaceAfter() for (_, h), f in zip(self._sizes, self.flowables))
        return self.width, self.height

    def split(self, aw, ah):
        return []

    def draw(self):
        y = self.height
        for (_, h), f in zip(self._sizes, self.flowables):
            y -= f.getSpaceBefore() + h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()


class Variants(Flowable):
    """Versions of one block, largest first: placed as the first, or, where that does not fit the
    room left on the page, as the first smaller version that does (else it moves on whole)."""

    def __init__(self, versions: list[Flowable]):
        super().__init__()
        self.flowables = versions

    def wrap(self, aw, ah):
        return self.flowables[0].wrap(aw, ah)

    def getSpaceBefore(self):  # noqa: N802 - reportlab's name
        return self.flowables[0].getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802
        return self.flowables[0].getSpaceAfter()

    def split(self, aw, ah):
        for version in self.flowables[1:]:
            if version.wrap(aw, ah)[1] <= ah:
                return [version]
        return []

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803 - reportlab's names
        self.flowables[0].drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]  # the stubs leave out _sW


class Pathway(Flowable):
    """A pathway of steps as numbered boxes joined by arrows, top to bottom: the deck's pathway
    drawn for paper (rounded boxes with a border in the clinic colour, the number in a disc).

    It may break between two steps (never inside one); each part keeps its numbers. The boxes
    and arrows are decoration (artifacts); numbers and texts are tagged as a numbered list.
    """

    PAD, ARROW = 2.2 * mm, 4 * mm

    def __init__(self, numbers: list[Paragraph], texts: list[Paragraph], fill, line, max_width: float):
        super().__init__()
        self.numbers, self.texts = numbers, texts
        self.fill, self.line, self.max_width = fill, line, max_width
        self.disc = numbers[0].style.fontSize * 2.0 if numbers else 0
        self.spaceAfter = cast(ParagraphStyle, texts[0].style.parent).spaceAfter if texts else 0
        self._heights: list[float] = []
        # Right to left, the numbers stand at the right and the boxes start from the right edge.
        self.rtl = bool(texts) and texts[0].style.wordWrap == "RTL"
        self.hAlign = "RIGHT" if self.rtl else "LEFT"

    @classmethod
    def of(cls, items, s: Styles, max_width: float) -> Pathway:
        number_style = ParagraphStyle(
            "step-number",
            parent=s.body,
            fontName=s.fonts["bold"],
            textColor=colors.white,
            alignment=TA_CENTER,
            rightIndent=0,
            spaceAfter=0,
            spaceBefore=0,
            hyphenationLang="",
            embeddedHyphenation=0,
        )
        text_style = ParagraphStyle("step-text", parent=s.body, rightIndent=0, spaceAfter=0, spaceBefore=0)
        numbers = [paragraph_for(str(i + 1), number_style) for i in range(len(items))]
        texts = [paragraph_for(markup(item), text_style) for item in items]
        return cls(numbers, texts, colors.HexColor("#F2F2F2"), s.primary, max_width)

    def _text_width(self, width: float) -> float:
        return width - 3 * self.PAD - self.disc

    def wrap(self, aw, ah):
        self.width = min(aw, self.max_width)
        self._heights = [max(t.wrap(self._text_width(self.width), ah)[1], self.disc) + 2 * self.PAD for t in self.texts]
        self.height = sum(self._heights) + self.ARROW * (len(self.texts) - 1)
        return self.width, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        used, count = 0.0, 0
        for h in self._heights:
            if used + h > ah:
                break
            used, count = used + h + self.ARROW, count + 1
        if count == 0 or count == len(self.texts):
            return []
        return [self._part(0, count), self._part(count, len(self.texts))]

    def _part(self, start: int, end: int) -> Pathway:
        part = Pathway(self.numbers[start:end], self.texts[start:end], self.fill, self.line, self.max_width)
        memo.inherit(self, part, "source", "steps")
        return part

    def draw(self):
        canvas, top = self.canv, self.height
        text_x = self.PAD if self.rtl else 2 * self.PAD + self.disc
        disc_x = self.width - self.PAD - self.disc / 2 if self.rtl else self.PAD + self.disc / 2
        for i, (number, text, h) in enumerate(zip(self.numbers, self.texts, self._heights)):
            bottom = top - h
            centre_y = top - self.PAD - self.disc / 2
            with artifact(canvas):
                canvas.saveState()
                canvas.setFillColor(self.fill)
                canvas.setStrokeColor(self.line)
                canvas.setLineWidth(1.6)
                canvas.roundRect(0, bottom, self.width, h, 2 * mm, stroke=1, fill=1)
                canvas.setFillColor(self.line)
                canvas.circle(disc_x, centre_y, self.disc / 2, stroke=0, fill=1)
                if i < len(self.texts) - 1:  # an arrow down to the next step
                    x, y = disc_x, bottom - 0.4 * mm
                    path = canvas.beginPath()
                    path.moveTo(x - 2.2 * mm, y)
                    path.lineTo(x + 2.2 * mm, y)
                    path.lineTo(x, y - self.ARROW + 0.8 * mm)
                    path.close()
                    canvas.drawPath(path, stroke=0, fill=1)
                canvas.restoreState()
            _, nh = number.wrap(self.disc, self.disc)
            number.drawOn(canvas, disc_x - self.disc / 2, centre_y - nh / 2 + number.style.fontSize * 0.12)
            _, th = text.wrap(self._text_width(self.width), h)
            text.drawOn(canvas, text_x, top - self.PAD - max(th, self.disc) + (max(th, self.disc) - th) / 2)
            top = bottom - self.ARROW


class FigureBlock(Unbreakable):
    """A picture and its caption, placed together; smaller where room is short."""

    SHRINK = 0.45

    def __init__(
        self,
        fig: Figure,
        doc: Document,
        s: Styles,
        max_width: float,
        max_height: float,
        ppi: int,
        floor: float | None = None,
    ):
        self.spec = (fig, doc, s, max_width, ppi)
        self.floor = floor if floor is not None else max_height * self.SHRINK
        image = picture(fig.path, max_width, max_height, ppi)
        if s.body.wordWrap == "RTL":
            image.hAlign = "RIGHT"  # at the start of a right-to-left line
        caption = figure_caption(fig, doc, s)
        memo.attach(image).alt = fig.alt
        memo.attach(caption).role = "Caption"
        super().__init__([image, Spacer(1, 1.5 * mm), caption, Spacer(1, 3 * mm)])

    def split(self, aw, ah):
        """One smaller copy that fits ``ah``, or nothing (then it moves on whole)."""
        fig, doc, s, max_width, ppi = self.spec
        _, full = self.wrap(aw, ah)
        image = cast(Image, self.flowables[0])
        room = image.drawHeight - (full - ah) - 0.5
        if room < self.floor or room >= image.drawHeight:
            return []
        smaller = FigureBlock(fig, doc, s, max_width, room, ppi, floor=self.floor)
        for old, new in zip(self.flowables, smaller.flowables):
            if is_tagged(old):  # structure roles given before layout (tagged PDFs)
                compat.retype(new, old.__class__)
                memo.attach(new).structure = memo.of(old).structure
        memo.inherit(self, smaller, "source", "section")
        return [smaller]


def figure_caption(fig: Figure, doc: Document, s: Styles) -> Paragraph:
    return paragraph_for(
        f"{markup(fig.caption)} ({plain_markup(doc.labels.figure_credit)}: {plain_markup(fig.credit)})", s.caption
    )


def picture(path, max_width: float, max_height: float, ppi: int) -> Image:
    """An image scaled to fit, resampled to ``ppi`` at its placed size, without metadata."""
    pixels_wide, pixels_high = upright_size(path)
    ratio = pixels_wide / pixels_high
    width = min(max_width, max_height * ratio)
    picture = prepared(path, round(width / 72 * ppi), prefer_jpeg=True)
    image = Image(io.BytesIO(picture.data), width=width, height=width / picture.ratio, mask="auto")
    image.hAlign = "LEFT"
    return image


class QrCode(Flowable):
    """A QR code drawn straight onto the page: pure black modules, 4-module white quiet zone.

    Drawn directly instead of through reportlab's graphics renderer, whose initial state
    selects an unembedded Helvetica.
    """

    QUIET_ZONE = 4

    def __init__(self, url: str, size: float):
        super().__init__()
        self.modules = compat.qr_modules(url, "M")
        self.size = size
        self.hAlign = "LEFT"

    def wrap(self, aw, ah):
        return self.size, self.size

    def draw(self):
        count = len(self.modules) + 2 * self.QUIET_ZONE
        box = self.size / count
        canvas = self.canv
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        for r, row in enumerate(self.modules):
            y = self.size - (r + self.QUIET_ZONE + 1) * box
            c = 0
            for dark, run in itertools.groupby(row):  # one rectangle per run: no hairline gaps
                n = len(list(run))
                if dark:
                    canvas.rect((c + self.QUIET_ZONE) * box, y, n * box, box, stroke=0, fill=1)
                c += n
