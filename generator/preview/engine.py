"""What the preview shows and how it stays current: one :class:`Preview` per condition x language x
clinic a browser tab looks at, redrawn in a background thread after every save.

A refresh loads the selection's content (the YAML parse is cached by file bytes), shows content
errors at once, then draws the products in the order staff look at them: leaflet, brochure, deck,
web page. A product is drawn again only when what it is drawn from changed: its audience's Document
(compared without source positions, so a line added above does not count), the images and templates
(any non-YAML change), or its last draw failed. So an nb edit leaves en alone and a change to the
clinician text redraws only the deck. When the content has errors, the last good pictures stay and
are marked out of date. A newer save interrupts a refresh between products: the latest edit wins.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path
from typing import TypeVar

from generator.diagnostics import ContentError, Diagnostic, Diagnostics, Location, Severity
from generator.kinds import Product
from generator.pipeline.dispatch import Rendered, RenderResult, report_problems
from generator.pipeline.index import Index
from generator.pipeline.plan import Planned, plan
from generator.pipeline.preflight import check_documents
from generator.pipeline.targets import Options, site_files, targets
from generator.preview import pictures as picture_store
from generator.preview.lane import Lane
from generator.preview.raster import SlideConverter
from generator.preview.slides import SlideLane
from generator.preview.state import Drawn, Preview, Selection, Shown, Status, appearance
from generator.preview.tabs import Tabs
from generator.preview.workers import Drawing, Workers

__all__ = ["PREVIEWED", "Engine", "Preview", "Selection", "Shown", "Status", "appearance"]
PREVIEWED = (Product.LEAFLET, Product.BROCHURE, Product.DECK, Product.PAGE)  # the order they are drawn in
T = TypeVar("T")


class Engine:
    """The preview's state and its builder thread. ``notify()`` is called (from any thread) after
    every visible change; the server turns it into an event for every open tab."""

    def __init__(
        self,
        options: Options,
        products: tuple[Product, ...],
        converter: SlideConverter | None,
        notify: Callable[[], None] = lambda: None,
    ):
        self.options = options
        self.products = tuple(p for p in PREVIEWED if p in products)
        self.version = 0
        self.converter = converter
        self.trouble = ""  # a problem of the preview itself (its watcher stopped), shown in every tab
        self._notify = notify
        self._lock = threading.RLock()
        self._tabs = Tabs()
        self._builder = _Builder(self._lock, self._tabs.kept_current, self._refresh_all)
        self._previews: dict[str, Preview] = {}
        self._pictures = picture_store.Pictures()
        self._assets = 0  # bumped by every change that is not a content YAML file
        self._index = Index()
        self._catalogue: list[Selection] | None = None
        self._site: frozenset[str] | None = None
        self._slides = SlideLane(converter, self._take_slides, self.publish)
        self._workers = Workers(options.jobs, self.products)

    # --- what the server asks ---------------------------------------------------------------

    def start(self) -> None:
        self._builder.start()
        self._slides.start()

    def stop(self) -> None:
        self._builder.stop()
        self._slides.stop()
        self._workers.close()

    @property
    def idle(self) -> bool:
        """Nothing left to draw (the tests wait for this)."""
        return not (self._builder.working or self._slides.working)

    def selections(self) -> list[Selection]:
        with self._lock:
            if self._catalogue is None:
                wanted = dataclasses.replace(self.options, products=("leaflet",), shard=(1, 1))
                try:
                    found = targets(wanted, self._index)
                except OSError:
                    found = []
                self._catalogue = sorted({Selection(t.clinic, t.condition, t.language) for t in found})
            return list(self._catalogue)

    def find(self, key: str) -> Selection | None:
        return next((s for s in self.selections() if s.key == key), None)

    def watch(self, selection: Selection) -> Preview:
        """The selection's preview; the first look starts drawing it."""
        with self._lock:
            self._tabs.asked(selection.key)
            preview = self._previews.get(selection.key)
            if preview is None:
                preview = self._previews[selection.key] = Preview(
                    selection, {p: Shown(p, busy=True) for p in self.products}
                )
                self._builder.refresh()
            return preview

    def draw_once(self, selection: Selection) -> None:
        """Draw ``selection`` at the next refresh although no tab shows it (a link in the frame)."""
        with self._lock:
            self._tabs.once(selection.key)
            self._refresh_soon(selection)

    def viewing(self, selection: Selection, tabs: int) -> None:
        """A browser tab started (+1) or stopped (-1) showing ``selection``."""
        with self._lock:
            self._tabs.viewing(selection.key, tabs)
            if tabs > 0:  # it may have been edited while no tab showed it
                self._refresh_soon(selection)

    def _refresh_soon(self, selection: Selection) -> None:
        self.watch(selection)
        self._builder.refresh()

    def watching_failed(self, why: str) -> None:
        """The watcher stopped: every tab says so instead of "up to date"."""
        with self._lock:
            self.trouble = why
        self.publish()

    def changed(self, paths: set[str]) -> None:
        """Files were saved (from the watcher)."""
        content = Path(self.options.content_dir).resolve()
        with self._lock:
            if any(not (p.endswith(".yaml") and Path(p).resolve().is_relative_to(content)) for p in paths):
                self._assets += 1
            self._catalogue = self._site = None  # a language or condition may have come or gone
            self._builder.refresh()

    def picture(self, digest: str) -> bytes | None:
        with self._lock:
            return self._pictures.get(digest)

    def read(self, selection: Selection, reader: Callable[[Preview], T]) -> T:
        """``reader`` applied to the selection's preview under the lock: the pictures and their marks
        of one moment (the web app's JSON)."""
        with self._lock:
            return reader(self._previews.get(selection.key) or self.watch(selection))

    def page_file(self, selection: Selection, name: str) -> bytes | None:
        with self._lock:
            preview = self._previews.get(selection.key)
            shown = preview.shown.get(Product.PAGE) if preview else None
            return shown.files.get(name) if shown else None

    def preview(self, selection: Selection) -> Preview:
        with self._lock:
            return self._previews.get(selection.key) or self.watch(selection)

    # --- drawing (in the builder's thread) -------------------------------------------------------

    def _refresh_all(self, keys: list[str]) -> None:
        for key in keys:
            if self._builder.interrupted:
                break
            preview = self._previews.get(key)
            if preview is None:
                continue
            try:
                self._refresh(preview)
            except Exception as exc:  # noqa: BLE001 - the preview outlives any one refresh
                self._crashed(preview, exc)

    def publish(self) -> None:
        with self._lock:
            self.version += 1
        self._notify()

    def _crashed(self, preview: Preview, exc: Exception) -> None:
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        with self._lock:
            preview.diagnostics = [
                Diagnostic(
                    Severity.ERROR,
                    Location(str(self.options.content_dir)),
                    f"internal error in the preview: {detail}",
                    "this is a bug in leafdeck, not in your content: please report it; the preview keeps running",
                )
            ]
            preview.status = Status.ERRORS
            for shown in preview.shown.values():
                shown.busy, shown.stale = False, bool(shown.pictures) or shown.stale
        self.publish()

    def _refresh(self, preview: Preview) -> None:
        started = time.perf_counter()
        selection = preview.selection
        with self._lock:
            preview.status = Status.BUILDING
        self.publish()
        options = dataclasses.replace(
            self.options,
            clinics=(selection.clinic,),
            conditions=(selection.condition,),
            languages=(selection.language,),
            products=tuple(str(p) for p in self.products),
            shard=(1, 1),
            jobs=1,
        )
        loading = Diagnostics()
        try:
            planned, failed = plan(options, loading, partial=True)
        except ContentError:
            planned, failed = [], {selection.condition}
        if not planned or selection.condition in failed:
            self._out_of_date(preview, loading, started)
            return
        with self._lock:  # the errors of the last save are gone: say so now
            preview.diagnostics = loading.sorted()
        self.publish()

        drawing = Diagnostics()
        if not self._draw_all(preview, planned, drawing):
            return  # a newer save came in: the next refresh draws that
        checks = Diagnostics()
        figures = check_documents(planned, options, checks)
        with self._lock:
            preview.diagnostics = Diagnostics(loading.items + drawing.items + checks.items).sorted()
            preview.readability = figures
            wrong = any(d.severity is Severity.ERROR for d in preview.diagnostics)
            preview.status = Status.ERRORS if wrong else Status.OK
            preview.seconds = time.perf_counter() - started
        self.publish()

    def _out_of_date(self, preview: Preview, loading: Diagnostics, started: float) -> None:
        with self._lock:
            preview.diagnostics = loading.sorted()
            preview.status = Status.ERRORS
            preview.seconds = time.perf_counter() - started
            for shown in preview.shown.values():
                shown.busy, shown.awaited = False, None  # slides still converting: of no use now
                shown.stale = bool(shown.pictures or shown.files or shown.outline)
                shown.note = (
                    "out of date: the content has errors (see the list); this is the last good version"
                    if shown.stale
                    else "not drawn: the content has errors (see the list)"
                )
        self.publish()

    def _draw_all(self, preview: Preview, planned: list[Planned], diagnostics: Diagnostics) -> bool:
        """Draw every product whose source changed, in the worker processes; show each as it comes.
        False if a newer save interrupted (the drawings not yet started are dropped)."""
        jobs: dict[Future, tuple[Planned, Shown, Drawn]] = {}
        site: frozenset[str] = frozenset()
        for item in sorted(planned, key=lambda p: self.products.index(p.target.variant.product)):
            shown = preview.shown[item.target.variant.product]
            drawn_from = Drawn(appearance(item.document), item.target.variant, self._assets)
            with self._lock:
                if shown.drawn_from == drawn_from:  # unchanged (or back to what it was)
                    shown.busy = shown.stale = False
                    shown.note, shown.awaited = shown.drawn_note, None  # slides of a later save: dropped
                    shown.changed = tuple(False for _ in shown.pictures)  # marks belong to the last save
                    continue
                shown.busy = True
            if item.target.variant.product is Product.PAGE and not site:
                site = self._site_files()
            jobs[self._workers.submit(item, site)] = (item, shown, drawn_from)
        self.publish()
        pending = set(jobs)
        while pending:
            done, pending = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
            if self._builder.interrupted:
                for future in pending:
                    future.cancel()
                return False
            for future in done:
                item, shown, drawn_from = jobs[future]
                self._take(preview, item, shown, drawn_from, future, diagnostics)
                self.publish()
        return True

    def _take(
        self, preview: Preview, item: Planned, shown: Shown, drawn_from: Drawn, future: Future, diagnostics: Diagnostics
    ) -> None:
        try:
            drawing: Drawing = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker that died (memory, a signal)
            drawing = Drawing(RenderResult(Rendered.INTERNAL, error=f"the drawing process failed: {exc}"))
        diagnostics.extend(drawing.diagnostics)
        result = drawing.result
        reason = report_problems(item, result, diagnostics)
        if reason is not None:
            with self._lock:
                shown.busy, shown.stale = False, bool(shown.pictures or shown.files)
                shown.note = f"{'out of date: ' if shown.stale else ''}{reason}"
                shown.drawn_from = None
            return
        product = item.target.variant.product
        if product is Product.DECK:
            with self._lock:
                shown.awaited = drawn_from
            self._slides.submit(preview, shown, result.data, drawn_from)
        elif product is Product.PAGE:
            with self._lock:
                shown.files = {**dict(result.beside), "index.html": result.data}
                shown.pictures = (hashlib.sha256(result.data).hexdigest(),)  # the frame's version
                shown.busy = shown.stale = False
                shown.note = shown.drawn_note = ""
                shown.drawn_from = drawn_from
        else:
            self.show(shown, list(drawing.pictures), drawn_from)

    def _site_files(self) -> frozenset[str]:
        """Every page a full build of the site writes: what a page's links may lead to (from the
        engine's own index, so no condition file is parsed twice)."""
        with self._lock:
            if self._site is None:
                self._site = frozenset(site_files(self.options, self._index))
            return self._site

    def _take_slides(self, shown: Shown, pictures: list[bytes], drawn_from: Drawn, note: str, outline: tuple) -> None:
        """The slide lane's pictures (or outline), taken only if they are still awaited: a later save
        may have replaced them."""
        with self._lock:
            if shown.awaited is None or shown.awaited != drawn_from:
                return
            shown.awaited = None
            self.show(shown, pictures, drawn_from, note, outline)

    def show(self, shown: Shown, pictures: list[bytes], drawn_from: Drawn, note: str = "", outline: tuple = ()) -> None:
        """New pictures for ``shown``; the pages that differ from the last ones are marked."""
        digests = tuple(hashlib.sha256(picture).hexdigest() for picture in pictures)
        with self._lock:
            for digest, picture in zip(digests, pictures):
                self._pictures.put(digest, picture)
            before = shown.pictures
            shown.changed = tuple(bool(before) and (i >= len(before) or before[i] != d) for i, d in enumerate(digests))
            shown.pictures, shown.outline, shown.note, shown.drawn_note = digests, outline, note, note
            shown.busy = shown.stale = False
            shown.drawn_from = drawn_from
            on_screen = (d for p in self._previews.values() for s in p.shown.values() for d in s.pictures)
            self._pictures.forget_unshown(on_screen, picture_store.KEPT)


class _Builder(Lane[list[str]]):
    """The engine's builder thread: after every change, redraws what the tabs look at (``choose``:
    the selections' keys, ``draw``: refreshes them)."""

    def __init__(self, lock: threading.RLock, choose: Callable[[], list[str]], draw: Callable[[list[str]], None]):
        super().__init__("preview-builder", lock)
        self._choose, self._draw = choose, draw
        self._dirty = False

    def refresh(self) -> None:
        """Draw again soon (call with the lock held): a newer save interrupts a refresh under way."""
        self._dirty = True
        self.poke()

    @property
    def interrupted(self) -> bool:
        with self._wake:
            return self._dirty or self._stopped

    def _pending(self) -> bool:
        return self._dirty

    def _take(self) -> list[str]:
        self._dirty = False
        return self._choose()

    def _do(self, keys: list[str]) -> None:
        self._draw(keys)
