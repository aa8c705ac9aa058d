"""The deck's slides as pictures, in their own thread: LibreOffice's second of work never holds up
the next leaflet. Where LibreOffice cannot draw, the slides' titles and text, read from the deck."""

from __future__ import annotations

from collections.abc import Callable

from generator.preview.lane import Lane
from generator.preview.raster import SLIDE_WIDTH, SlideConverter, pdf_pages
from generator.preview.state import Drawn, Preview, Shown
from generator.render.pptx.readback import outline

# show(shown, pictures, drawn_from, note, outline): the engine takes the slides, if still awaited.
Show = Callable[[Shown, list[bytes], Drawn, str, tuple], None]


class SlideLane(Lane[tuple[Shown, bytes, Drawn]]):
    """Deck -> slides in its own thread. The latest deck of a selection replaces one still waiting."""

    def __init__(self, converter: SlideConverter | None, show: Show, publish: Callable[[], None]):
        super().__init__("preview-slides")
        self._converter, self._show, self._publish = converter, show, publish
        self._waiting: dict[str, tuple[Shown, bytes, Drawn]] = {}

    def submit(self, preview: Preview, shown: Shown, pptx: bytes, drawn_from: Drawn) -> None:
        with self._wake:
            self._waiting[preview.selection.key] = (shown, pptx, drawn_from)
            self.poke()

    def _pending(self) -> bool:
        return bool(self._waiting)

    def _take(self) -> tuple[Shown, bytes, Drawn]:
        return self._waiting.pop(next(iter(self._waiting)))

    def _do(self, job: tuple[Shown, bytes, Drawn]) -> None:
        shown, pptx, drawn_from = job
        try:
            self._convert(shown, pptx, drawn_from)
        except Exception as exc:  # noqa: BLE001 - say so, keep the lane alive
            self._show(shown, [], drawn_from, f"the slides could not be drawn: {exc}", ())
        self._publish()

    def _convert(self, shown: Shown, pptx: bytes, drawn_from: Drawn) -> None:
        converter = self._converter
        pdf = converter.convert(pptx) if converter is not None else None
        if pdf is None:
            why = converter.reason if converter is not None else "slides are not drawn (--no-slides)"
            self._show(shown, [], drawn_from, f"{why}; the slides' text is shown instead", outline(pptx))
            return
        self._show(shown, pdf_pages(pdf, SLIDE_WIDTH), drawn_from, "", ())
