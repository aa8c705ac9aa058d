"""The deck's slides as pictures, in their own thread: LibreOffice's second of work never holds up
the next leaflet. Where LibreOffice cannot draw, the slides' titles and text, read from the deck."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from generator.preview.raster import SLIDE_WIDTH, pdf_pages

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
            self._engine.show(shown, [], drawn_from, f"{why}; the slides' text is shown instead", deck_outline(pptx),
                              slides=True)
            return
        self._engine.show(shown, pdf_pages(pdf, SLIDE_WIDTH), drawn_from, slides=True)


def deck_outline(pptx: bytes) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each slide's title and its other lines of text, read from the deck itself."""
    import io

    from pptx import Presentation

    slides = []
    for slide in Presentation(io.BytesIO(pptx)).slides:
        title = slide.shapes.title
        lines: list[str] = []
        for shape in slide.shapes:
            if shape is title or shape.name == "Footer":        # the deck's own footer: the same on every slide
                continue
            if shape.has_text_frame:
                lines += [p.text for p in shape.text_frame.paragraphs if p.text.strip()]
            elif shape.has_table:
                lines += [" | ".join(c.text for c in row.cells) for row in shape.table.rows]
        slides.append((title.text_frame.text if title is not None else "", tuple(lines)))
    return tuple(slides)
