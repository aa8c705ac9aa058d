"""The preview's drawing processes: warm, long-lived, up to one per product (``--jobs``).

Drawing a leaflet is pure-Python work that holds the interpreter; in the server's own process it
would hold up the events and the next pictures. Each worker draws one output and turns it into what
the browser needs (JPEG pages; the deck's accessibility and the page's links checked), so the
leaflet and the brochure of one save are drawn side by side (the deck after the leaflet, the page
after the brochure, on two cores). Workers are started fresh ("spawn",
safe beside the server's threads and on every system) with every renderer imported and the fonts loaded.
With ``--jobs 1``, or where processes cannot be started, everything is drawn in the builder thread.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from generator.checks.deck import check_deck_accessibility
from generator.checks.links import PageFile, check_site_links
from generator.diagnostics import Diagnostics, Location, display_path
from generator.document.model import Document
from generator.kinds import Product
from generator.pipeline.dispatch import Rendered, RenderResult, render_safely
from generator.pipeline.plan import Planned
from generator.preview.raster import pdf_pages


@dataclass(frozen=True)
class Drawing:
    result: RenderResult
    pictures: tuple[bytes, ...] = ()  # a JPEG per page, for the PDFs
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


def draw(item: Planned, site_files: frozenset[str]) -> Drawing:
    """One output drawn, pictured and checked; never raises."""

    result = render_safely(item)
    diagnostics = Diagnostics()
    if not result.ok:
        return Drawing(result)
    product = item.target.variant.product
    where = Location(display_path(item.source_file))
    try:
        if product is Product.DECK and isinstance(item.document, Document):
            check_deck_accessibility(result.data, item.document.language_tag, where, diagnostics)
        elif product is Product.PAGE:
            beside = tuple(name for name, _ in result.beside)
            check_site_links(
                [PageFile(item.target.key, result.data.decode("utf-8"), beside, where)], set(site_files), diagnostics
            )
        elif item.target.variant.spec.extension == "pdf":
            return Drawing(result, tuple(pdf_pages(result.data)), diagnostics)
    except Exception as exc:  # noqa: BLE001 - a bug in a check or in PDFium: this output only
        return Drawing(RenderResult(Rendered.INTERNAL, error=f"{type(exc).__name__}: {exc}"))
    return Drawing(result, (), diagnostics)


def _warm_up() -> None:
    """Import every renderer and load the PDF fonts before the first save needs them. Ctrl+C in the
    terminal reaches every process of the preview: the workers leave it to the server, which stops them.
    A worker whose preview is gone (killed, crashed) ends within a second instead of waiting forever."""

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent()

    from generator.assets.fonts import register_reportlab  # noqa: PLC0415 - warming up is the point: the worker loads them now
    from generator.render import registry  # noqa: PLC0415 - warming up is the point: the worker loads them now

    registry.load_all()

    register_reportlab()


def _end_with_parent() -> None:
    """A thread that ends this process once its parent is gone (POSIX: the parent id changes)."""

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGKILL)  # nothing of a drawing needs finishing

    if os.name == "posix":
        threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class Workers:
    """One single-process lane per product, up to ``jobs`` lanes: a product is always drawn by the
    same process, whose caches (hyphenated words, measured lines, pictures) stay warm for it."""

    def __init__(self, jobs: int, products: tuple[Product, ...]):
        self._lanes: list[ProcessPoolExecutor] = []
        self._products = products
        if jobs > 1:
            context = multiprocessing.get_context("spawn")
            try:
                self._lanes = [
                    ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_warm_up)
                    for _ in range(min(jobs, len(products)))
                ]
            except (OSError, ValueError):
                self._lanes = []

    def submit(self, item: Planned, site_files: frozenset[str]) -> Future:
        product = item.target.variant.product
        if self._lanes and product in self._products:
            try:
                return self._lanes[self._products.index(product) % len(self._lanes)].submit(draw, item, site_files)
            except RuntimeError:  # the lane broke (its process was killed): draw here from now on
                self.close()
                self._lanes = []
        done: Future = Future()
        done.set_result(draw(item, site_files))
        return done

    def close(self) -> None:
        for lane in self._lanes:
            lane.shutdown(wait=False, cancel_futures=True)
