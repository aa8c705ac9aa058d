"""The deck's slides as pictures, in their own thread: LibreOffice's second of work never holds up
the next leaflet. Where LibreOffice cannot draw, the slides' titles and text, read from the deck."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from generator.preview.raster import SLIDE_WIDTH, pdf_pages
from generator.render.pptx.readback import outline

if TYPE_CHECKING:
    from generator.preview.engine import Engine, Preview, Shown


class SlideLane:
    """Deck -> slides in its own thread, so LibreOffice's second never holds up the next leaflet.
    The latest deck of a selection replaces one still waiting."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._waiting: dict[str, tuple] = {}
        self._converting = False
        self._wake = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="preview-slides", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify_all()

    @property
    def working(self) -> bool:
        with self._wake:
            return bool(self._waiting) or self._converting

    def submit(self, preview: Preview, shown: Shown, pptx: bytes, drawn_from: object) -> None:
        with self._wake:
            self._waiting[preview.selection.key] = (shown, pptx, drawn_from)
            self._wake.notify_all()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._waiting and not self._stopped:
                    self._wake.wait()
                if self._stopped:
                    return
                key = next(iter(self._waiting))
                shown, pptx, drawn_from = self._waiting.pop(key)
                self._converting = True
            try:
                self._convert(shown, pptx, drawn_from)
            except Exception as exc:  # noqa: BLE001 - say so, keep the lane alive
                self._engine.show(shown, [], drawn_from, f"the slides could not be drawn: {exc}", slides=True)
            finally:
                with self._wake:
                    self._converting = False
            self._engine.publish()

    def _convert(self, shown: Shown, pptx: bytes, drawn_from: object) -> None:
        converter = self._engine.converter
        pdf = converter.convert(pptx) if converter is not None else None
        if pdf is None:
            why = converter.reason if converter is not None else "slides are not drawn (--no-slides)"
            self._engine.show(shown, [], drawn_from, f"{why}; the slides' text is shown instead", outline(pptx),
                              slides=True)
            return
        self._engine.show(shown, pdf_pages(pdf, SLIDE_WIDTH), drawn_from, slides=True)
