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
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.pipeline.index import Index
from generator.pipeline.plan import Planned, plan
from generator.pipeline.dispatch import Rendered, RenderResult, report_problems
from generator.pipeline.targets import Options, targets
from generator.diagnostics import ContentError, Diagnostic, Diagnostics, Location, Severity
from generator.preview.raster import SlideConverter
from generator.preview.slides import SlideLane
from generator.preview.workers import Drawing, Workers
from generator.kinds import Product

PREVIEWED = (Product.LEAFLET, Product.BROCHURE, Product.DECK, Product.PAGE)   # the order they are drawn in
PICTURES_KEPT = 400          # JPEGs in memory (~100 KB each) beyond those shown: older versions for open tabs


@dataclass(frozen=True, order=True)
class Selection:
    clinic: str
    condition: str
    language: str

    @property
    def key(self) -> str:
        return f"{self.clinic}/{self.condition}/{self.language}"


@dataclass
class Shown:
    """One product of one selection as the browser shows it."""

    product: Product
    pictures: tuple[str, ...] = ()        # JPEG digests, one per page or slide
    changed: tuple[bool, ...] = ()        # which of them differ from the picture before
    stale: bool = False                   # the content changed but could not be drawn: "out of date"
    busy: bool = False                    # being drawn
    note: str = ""                        # why there is no (current) picture
    outline: tuple[tuple[str, tuple[str, ...]], ...] = ()   # the slides' text, where they cannot be drawn
    files: dict[str, bytes] = field(default_factory=dict)   # the web page and the files beside it
    drawn_from: object = None             # what the pictures show (a Document without positions ...)
    awaited: object = None                # what the slides being converted will show (None: nothing awaited)
    drawn_note: str = ""                  # the note that belongs to the pictures (why an outline)


@dataclass
class Preview:
    selection: Selection
    shown: dict[Product, Shown]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    readability: dict = field(default_factory=dict)
    status: str = "building"               # building | ok | errors
    seconds: float = 0.0


class Engine:
    """The preview's state and its builder thread. ``notify()`` is called (from any thread) after
    every visible change; the server turns it into an event for every open tab."""

    def __init__(self, options: Options, products: tuple[Product, ...], converter: SlideConverter | None,
                 notify: Callable[[], None] = lambda: None):
        self.options = options
        self.products = tuple(p for p in PREVIEWED if p in products)
        self.version = 0
        self.converter = converter
        self.trouble = ""               # a problem of the preview itself (its watcher stopped), shown in every tab
        self._notify = notify
        self._lock = threading.RLock()
        self.lock = self._lock          # the server reads a preview under it: pictures and marks of one moment
        self._wake = threading.Condition(self._lock)
        self._dirty = False
        self._refreshing = False
        self._stopped = False
        self._watched: dict[str, float] = {}     # selection key -> when it was last asked for
        self._viewers: dict[str, int] = {}       # selection key -> browser tabs showing it now
        self._asked_once: set[str] = set()       # drawn once for a link followed in the web page's frame
        self._previews: dict[str, Preview] = {}
        self._pictures: OrderedDict[str, bytes] = OrderedDict()
        self._assets = 0            # bumped by every change that is not a content YAML file
        self._index = Index()
        self._catalogue: list[Selection] | None = None
        self._site: frozenset[str] | None = None
        self._slides = SlideLane(self)
        self._workers = Workers(options.jobs, self.products)
        self._thread = threading.Thread(target=self._run, name="preview-builder", daemon=True)

    # --- what the server asks ---------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()
        self._slides.start()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify_all()
        self._slides.stop()
        self._workers.close()

    @property
    def idle(self) -> bool:
        """Nothing left to draw (the tests wait for this)."""
        with self._lock:
            return not (self._dirty or self._refreshing or self._slides.working)

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
        with self._wake:
            self._watched[selection.key] = time.monotonic()
            preview = self._previews.get(selection.key)
            if preview is None:
                preview = self._previews[selection.key] = Preview(
                    selection, {p: Shown(p, busy=True) for p in self.products})
                self._dirty = True
                self._wake.notify_all()
            return preview

    def draw_once(self, selection: Selection) -> None:
        """Draw ``selection`` at the next refresh although no tab shows it (a link in the frame)."""
        with self._wake:
            self._asked_once.add(selection.key)
            self._refresh_soon(selection)

    def viewing(self, selection: Selection, tabs: int) -> None:
        """A browser tab started (+1) or stopped (-1) showing ``selection``."""
        with self._wake:
            self._viewers[selection.key] = max(0, self._viewers.get(selection.key, 0) + tabs)
            if tabs > 0:            # it may have been edited while no tab showed it
                self._refresh_soon(selection)

    def _refresh_soon(self, selection: Selection) -> None:
        self.watch(selection)
        self._dirty = True
        self._wake.notify_all()

    def _kept_current(self) -> list[str]:
        """What a refresh draws: what the open tabs show, else (no tab yet) what was asked for last."""
        shown = [key for key, tabs in self._viewers.items() if tabs > 0]
        if not shown and self._watched:
            shown = [max(self._watched, key=self._watched.__getitem__)]
        shown += [key for key in self._asked_once if key not in shown]
        self._asked_once.clear()
        return sorted(shown, key=lambda key: self._watched.get(key, 0), reverse=True)

    def watching_failed(self, why: str) -> None:
        """The watcher stopped: every tab says so instead of "up to date"."""
        with self._lock:
            self.trouble = why
        self.publish()

    def changed(self, paths: set[str]) -> None:
        """Files were saved (from the watcher)."""
        content = Path(self.options.content_dir).resolve()
        with self._wake:
            if any(not (p.endswith(".yaml") and Path(p).resolve().is_relative_to(content)) for p in paths):
                self._assets += 1
            self._catalogue = self._site = None      # a language or condition may have come or gone
            self._dirty = True
            self._wake.notify_all()

    def picture(self, digest: str) -> bytes | None:
        with self._lock:
            return self._pictures.get(digest)

    def page_file(self, selection: Selection, name: str) -> bytes | None:
        with self._lock:
            preview = self._previews.get(selection.key)
            shown = preview.shown.get(Product.PAGE) if preview else None
            return shown.files.get(name) if shown else None

    def preview(self, selection: Selection) -> Preview:
        with self._lock:
            return self._previews.get(selection.key) or self.watch(selection)

    # --- the builder thread --------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._dirty and not self._stopped:
                    self._wake.wait()
                if self._stopped:
                    return
                self._dirty, self._refreshing = False, True
                watched = self._kept_current()
            try:
                for key in watched:
                    if self._interrupted():
                        break
                    preview = self._previews.get(key)
                    if preview is None:
                        continue
                    try:
                        self._refresh(preview)
                    except Exception as exc:  # noqa: BLE001 - the preview outlives any one refresh
                        self._crashed(preview, exc)
            finally:
                with self._lock:
                    self._refreshing = False

    def _interrupted(self) -> bool:
        with self._lock:
            return self._dirty or self._stopped

    def publish(self) -> None:
        with self._lock:
            self.version += 1
        self._notify()

    def _crashed(self, preview: Preview, exc: Exception) -> None:
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        with self._lock:
            preview.diagnostics = [Diagnostic(
                Severity.ERROR, Location(str(self.options.content_dir)), f"internal error in the preview: {detail}",
                "this is a bug in leafdeck, not in your content: please report it; the preview keeps running")]
            preview.status = "errors"
            for shown in preview.shown.values():
                shown.busy, shown.stale = False, bool(shown.pictures) or shown.stale
        self.publish()

    def _refresh(self, preview: Preview) -> None:
        started = time.perf_counter()
        selection = preview.selection
        with self._lock:
            preview.status = "building"
        self.publish()
        options = dataclasses.replace(
            self.options, clinics=(selection.clinic,), conditions=(selection.condition,),
            languages=(selection.language,), products=tuple(str(p) for p in self.products), shard=(1, 1), jobs=1)
        loading = Diagnostics()
        try:
            planned, failed = plan(options, loading, partial=True)
        except ContentError:
            planned, failed = [], {selection.condition}
        if not planned or selection.condition in failed:
            self._out_of_date(preview, loading, started)
            return
        with self._lock:                      # the errors of the last save are gone: say so now
            preview.diagnostics = loading.sorted()
        self.publish()

        drawing = Diagnostics()
        if not self._draw_all(preview, planned, drawing):
            return                            # a newer save came in: the next refresh draws that
        checks = Diagnostics()
        from generator.pipeline.preflight import check_documents

        figures = check_documents(planned, options, checks)
        with self._lock:
            preview.diagnostics = Diagnostics(loading.items + drawing.items + checks.items).sorted()
            preview.readability = figures
            preview.status = "errors" if any(d.severity is Severity.ERROR for d in preview.diagnostics) else "ok"
            preview.seconds = time.perf_counter() - started
        self.publish()

    def _out_of_date(self, preview: Preview, loading: Diagnostics, started: float) -> None:
        with self._lock:
            preview.diagnostics = loading.sorted()
            preview.status = "errors"
            preview.seconds = time.perf_counter() - started
            for shown in preview.shown.values():
                shown.busy, shown.awaited = False, None        # slides still converting: of no use now
                shown.stale = bool(shown.pictures or shown.files or shown.outline)
                shown.note = "out of date: the content has errors (see the list); this is the last good version" \
                    if shown.stale else "not drawn: the content has errors (see the list)"
        self.publish()

    def _draw_all(self, preview: Preview, planned: list[Planned], diagnostics: Diagnostics) -> bool:
        """Draw every product whose source changed, in the worker processes; show each as it comes.
        False if a newer save interrupted (the drawings not yet started are dropped)."""
        from concurrent.futures import FIRST_COMPLETED, wait

        jobs = {}
        site: frozenset[str] = frozenset()
        for item in sorted(planned, key=lambda p: self.products.index(p.target.variant.product)):
            shown = preview.shown[item.target.variant.product]
            drawn_from = (appearance(item.document), item.target.variant, self._assets)
            with self._lock:
                if shown.drawn_from == drawn_from:         # unchanged (or back to what it was)
                    shown.busy = shown.stale = False
                    shown.note, shown.awaited = shown.drawn_note, None      # slides of a later save: dropped
                    shown.changed = tuple(False for _ in shown.pictures)   # marks belong to the last save
                    continue
                shown.busy = True
            if item.target.variant.product is Product.PAGE and not site:
                site = self._site_files()
            jobs[self._workers.submit(item, site)] = (item, shown, drawn_from)
        self.publish()
        pending = set(jobs)
        while pending:
            done, pending = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
            if self._interrupted():
                for future in pending:
                    future.cancel()
                return False
            for future in done:
                item, shown, drawn_from = jobs[future]
                self._take(preview, item, shown, drawn_from, future, diagnostics)
                self.publish()
        return True

    def _take(self, preview: Preview, item: Planned, shown: Shown, drawn_from: object, future,
              diagnostics: Diagnostics) -> None:
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
            self.await_slides(shown, drawn_from)
            self._slides.submit(preview, shown, result.data, drawn_from)
        elif product is Product.PAGE:
            with self._lock:
                shown.files = {**dict(result.beside), "index.html": result.data}
                shown.pictures = (hashlib.sha256(result.data).hexdigest(),)     # the frame's version
                shown.busy = shown.stale = False
                shown.note = shown.drawn_note = ""
                shown.drawn_from = drawn_from
        else:
            self.show(shown, list(drawing.pictures), drawn_from)

    def _site_files(self) -> frozenset[str]:
        """Every page a full build of the site writes: what a page's links may lead to (from the
        engine's own index, so no condition file is parsed twice)."""
        from generator.pipeline.targets import site_files

        with self._lock:
            if self._site is None:
                self._site = frozenset(site_files(self.options, self._index))
            return self._site

    def _forget_unshown(self) -> None:
        """Keep at most PICTURES_KEPT pictures, but never one a preview shows (a tab may reload)."""
        if len(self._pictures) <= PICTURES_KEPT:
            return
        shown = {d for p in self._previews.values() for s in p.shown.values() for d in s.pictures}
        for digest in [d for d in self._pictures if d not in shown][:len(self._pictures) - PICTURES_KEPT]:
            del self._pictures[digest]

    def await_slides(self, shown: Shown, drawn_from: object) -> None:
        with self._lock:
            shown.awaited = drawn_from

    def show(self, shown: Shown, pictures: list[bytes], drawn_from: object, note: str = "",
             outline: tuple = (), slides: bool = False) -> None:
        """New pictures for ``shown``; the pages that differ from the last ones are marked. Slides
        (``slides``) are taken only if they are still awaited: a later save may have replaced them."""
        digests = tuple(hashlib.sha256(picture).hexdigest() for picture in pictures)
        with self._lock:
            if slides:
                if shown.awaited is None or shown.awaited != drawn_from:
                    return
                shown.awaited = None
            for digest, picture in zip(digests, pictures):
                self._pictures[digest] = picture
                self._pictures.move_to_end(digest)
            before = shown.pictures
            shown.changed = tuple(bool(before) and (i >= len(before) or before[i] != d) for i, d in enumerate(digests))
            shown.pictures, shown.outline, shown.note, shown.drawn_note = digests, outline, note, note
            shown.busy = shown.stale = False
            shown.drawn_from = drawn_from
            self._forget_unshown()


def appearance(value: object) -> object:
    """``value`` (a Document) with every source position left out: what the reader sees."""
    if isinstance(value, Location):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(appearance(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, Mapping):
        return tuple((appearance(k), appearance(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(appearance(v) for v in value)
    return value
