"""The whole run in a screenful: targets -> skip what is fresh -> load -> documents -> render -> write.

Each output file is its own unit of work: one that fails (content errors in its condition, a
layout that does not fit) is reported and leaves its earlier file untouched, while every other
output is still built. Outputs whose inputs are unchanged since the manifest recorded them are
skipped; when nothing changed, the content is not even parsed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import ContentError, Diagnostics, Location, display_path
from generator.manifest import Fingerprints, Manifest, Target, entry
from generator.output import DEFAULT_PRODUCTS, output_path, variants, write_atomic

if TYPE_CHECKING:   # imported where it is needed, so `check` and no-op runs stay light
    from generator.document.model import Document

CONDITION_FILE = "condition.yaml"
ALL = "all"


@dataclass(frozen=True)
class Options:
    content_dir: Path = Path("content")
    images_dir: Path | None = None          # default: images/ beside the content folder
    out_dir: Path = Path("output")
    clinics: tuple[str, ...] = ("default",)  # or ("all",)
    conditions: tuple[str, ...] = ()        # empty = all
    languages: tuple[str, ...] = ()         # empty = all of each condition
    products: tuple[str, ...] = DEFAULT_PRODUCTS
    paper: str = "a4"
    template: Path | None = None            # the deck's PowerPoint template (.pptx/.potx); default: our own
    today: dt.date = field(default_factory=dt.date.today)
    shard: tuple[int, int] = (1, 1)         # (I, N): build only the I-th of N deterministic parts
    jobs: int = 1                           # processes rendering in parallel
    force: bool = False                     # rebuild even what is fresh

    @property
    def images(self) -> Path:
        return self.images_dir if self.images_dir is not None else Path(self.content_dir).parent / "images"


@dataclass(frozen=True)
class Planned:
    target: Target
    document: Document
    source_file: Path          # the language file, for problems found while laying out


@dataclass
class Outcome:
    target: Target
    status: str                # "built", "skipped" or "failed"
    reason: str = ""


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


# -- what to build ----------------------------------------------------------------------------------

def in_shard(key: str, shard: tuple[int, int]) -> bool:
    """Stable split by a hash of the output's path: the same file always lands in the same shard,
    whatever else is in the catalogue, so N runners together build every file exactly once."""
    index, count = shard
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % count == index - 1


def targets(options: Options) -> list[Target]:
    """Every requested output, found from file and folder names alone (no YAML is parsed)."""
    content = Path(options.content_dir)
    clinics = sorted(p.stem for p in (content / "clinics").glob("*.yaml")) if ALL in options.clinics \
        else list(options.clinics)
    found = []
    for clinic in clinics:
        for folder in sorted(p.parent for p in content.glob(f"*/{CONDITION_FILE}")):
            if options.conditions and folder.name not in options.conditions:
                continue
            languages = _listed_languages(folder)
            for lang in languages:
                if options.languages and lang not in options.languages:
                    continue
                for variant in variants(options.products, options.paper):
                    path = output_path(options.out_dir, clinic, folder.name, lang, variant)
                    target = Target(clinic, folder.name, lang, variant, path)
                    if in_shard(target.key, options.shard):
                        found.append(target)
    return found


_FLOW_LIST = re.compile(r"^languages:\s*\[([^\]]*)\]", re.MULTILINE)
_BLOCK_LIST = re.compile(r"^languages:[ \t]*(?:#.*)?\n((?:[ \t]+-[^\n]*\n?)+)", re.MULTILINE)


def _listed_languages(folder: Path) -> list[str]:
    """The ``languages:`` of condition.yaml, read with a pattern (no YAML parser on the fast path);
    if the line is written some other way, every ``<lang>.yaml`` in the folder."""
    try:
        text = (folder / CONDITION_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    flow, block = _FLOW_LIST.search(text), _BLOCK_LIST.search(text)
    if flow:
        items = flow[1].split(",")
    elif block:
        items = [line.split("-", 1)[1] for line in block[1].splitlines()]
    else:
        return sorted(p.stem for p in folder.glob("*.yaml") if p.name != CONDITION_FILE)
    return [i.split("#")[0].strip().strip("'\"") for i in items if i.split("#")[0].strip()]


def plan(options: Options, diagnostics: Diagnostics, partial: bool = False) -> tuple[list[Planned], set[str]]:
    """Load the content and build one Document per requested output.

    Returns the planned outputs and the conditions left out for their own content errors
    (only with ``partial``); raises ContentError for errors every output shares.
    """
    from generator.document.build import build_document
    from generator.document.model import Audience
    from generator.loading.content import load_content

    audience_of = {"leaflet": Audience.PATIENT, "brochure": Audience.PATIENT, "deck": Audience.CLINICIAN}
    content = load_content(options.content_dir, options.images, diagnostics, partial=partial,
                            clinics_wanted=options.clinics, conditions_wanted=options.conditions)
    clinics = _select(content, options, diagnostics)
    if partial:
        _raise_shared(diagnostics, content)
    else:
        diagnostics.raise_if_errors()
    planned = []
    for clinic in clinics:
        for cc in content.conditions:
            if options.conditions and cc.condition.id not in options.conditions:
                continue
            for lang in cc.condition.languages:
                if options.languages and lang not in options.languages:
                    continue
                documents: dict = {}
                for variant in variants(options.products, options.paper):
                    path = output_path(options.out_dir, clinic.id, cc.condition.id, lang, variant)
                    target = Target(clinic.id, cc.condition.id, lang, variant, path)
                    if not in_shard(target.key, options.shard):
                        continue
                    audience = audience_of[variant.product]
                    if audience not in documents:
                        documents[audience] = build_document(cc, lang, audience, clinic, content.labels[lang],
                                                             options.images, options.today)
                    planned.append(Planned(target, documents[audience], cc.folder / f"{lang}.yaml"))
    return planned, set(content.failed)


def _raise_shared(diagnostics: Diagnostics, content) -> None:
    """In a partial load, errors outside the failed conditions' folders stop the run."""
    failed = [Path(content.root) / name for name in content.failed]
    for item in diagnostics.errors:
        file = Path(item.location.file)
        if not any(_inside(file, folder) for folder in failed):
            raise ContentError(diagnostics)


def _inside(file: Path, folder: Path) -> bool:
    try:
        return file.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _select(content, options: Options, diagnostics: Diagnostics) -> list:
    where = Location(display_path(Path(options.content_dir) / "clinics"))
    if ALL in options.clinics:
        chosen = [content.clinics[k] for k in sorted(content.clinics)]
    else:
        chosen = []
        for wanted in options.clinics:
            clinic = content.clinics.get(wanted)
            if clinic is None:
                files = sorted(p.stem for p in (Path(options.content_dir) / "clinics").glob("*.yaml"))
                known = ", ".join(files) or "none"
                diagnostics.error(where, f"clinic '{wanted}' not found (known: {known})",
                                  f"add content/clinics/{wanted}.yaml or pick a known clinic with --clinic")
            else:
                chosen.append(clinic)
    ids = {c.condition.id for c in content.conditions} | set(content.failed)
    for wanted in options.conditions:
        if wanted not in ids:
            diagnostics.error(Location(display_path(options.content_dir)), f"condition '{wanted}' not found",
                              f"known conditions: {', '.join(sorted(ids))}")
    langs = {lang for c in content.conditions for lang in c.condition.languages}
    for wanted in options.languages:
        if wanted not in langs and not content.failed:
            diagnostics.error(Location(display_path(options.content_dir)), f"language '{wanted}' not found",
                              f"languages in the content: {', '.join(sorted(langs))}")
    return chosen


# -- building -----------------------------------------------------------------------------------------

def check(options: Options, diagnostics: Diagnostics) -> tuple[list[Planned], dict]:
    """Validate everything a build would use and run every quality check, writing nothing.

    Returns the planned outputs and the readability figures per document."""
    from generator.checks.preflight import preflight

    planned = plan(options, diagnostics)[0]
    return planned, preflight(planned, options, diagnostics)


def build(options: Options, diagnostics: Diagnostics, progress=None) -> Report:
    """Build what is stale; report every output as built, skipped or failed. Raises ContentError
    only for errors that every output shares (labels, clinics, a missing content folder).

    ``progress(total)``, if given, is called once there is something to render and returns the
    function to call after each output."""
    started = time.perf_counter()
    prints = Fingerprints(options.content_dir, options.images, options.template, {}, today=options.today)
    manifest = Manifest(options.out_dir)
    wanted = targets(options)
    fingerprints = {t.key: prints.of(t) for t in wanted}
    fresh = {t.key for t in wanted if not options.force and manifest.is_fresh(t, fingerprints[t.key])}
    if wanted and len(fresh) == len(wanted):
        return Report([Outcome(t, "skipped") for t in wanted], time.perf_counter() - started)

    planned, failed_conditions = plan(options, diagnostics, partial=True)
    report = Report()
    for t in wanted:
        if t.condition in failed_conditions:
            report.outcomes.append(Outcome(t, "failed", "content errors in this condition (listed above)"))

    stale = []
    for item in planned:
        key = item.target.key
        fingerprint = fingerprints.get(key) or prints.of(item.target)
        if key in fresh or (key not in fingerprints and not options.force and manifest.is_fresh(item.target, fingerprint)):
            report.outcomes.append(Outcome(item.target, "skipped"))
        else:
            stale.append((item, fingerprint))

    blocked = _glyph_problems([item for item, _ in stale], diagnostics)
    runnable = [(item, fp) for item, fp in stale if id(item.document) not in blocked]
    for item, _ in stale:
        if id(item.document) in blocked:
            report.outcomes.append(Outcome(item.target, "failed", "characters missing from the font (listed above)"))

    updates: dict[str, dict] = {}
    tick = progress(len(runnable)) if progress and runnable else None
    for (item, fingerprint), result in render_all(runnable, options, tick):
        outcome = _finish(item, fingerprint, result, diagnostics, updates)
        report.outcomes.append(outcome)
    manifest.record(updates)
    report.outcomes.sort(key=lambda o: o.target.key)
    report.seconds = time.perf_counter() - started
    return report


def _glyph_problems(items: list[Planned], diagnostics: Diagnostics) -> set[int]:
    """Documents whose text holds a character the PDF font lacks; their PDFs are not drawn."""
    from generator.checks.glyphs import check_glyphs

    blocked = set()
    for document in {id(p.document): p.document for p in items if p.target.variant.product != "deck"}.values():
        own = Diagnostics()
        check_glyphs(document, own)
        diagnostics.extend(own)
        if own.errors:
            blocked.add(id(document))
    return blocked


def report_problems(item: Planned, result, diagnostics: Diagnostics) -> str | None:
    """Turn a failed render into diagnostics; returns the reason for the summary, or None if it worked."""
    kind, payload = result
    product = item.target.variant.suffix.replace("_", " ")
    if kind == "problems":
        for message, location, hint in payload:
            diagnostics.error(location or Location(display_path(item.source_file)), f"{product}: {message}", hint)
        return payload[0][0]
    if kind == "internal":
        diagnostics.error(Location(display_path(item.source_file)), f"{product}: internal error: {payload}",
                          "this is a bug in leafdeck, not in your content: please report it with this message")
        return f"internal error: {payload.splitlines()[-1]}"
    return None


def _finish(item: Planned, fingerprint: str, result, diagnostics: Diagnostics, updates: dict) -> Outcome:
    reason = report_problems(item, result, diagnostics)
    if reason is not None:
        return Outcome(item.target, "failed", reason)
    payload = result[1]
    try:
        write_atomic(item.target.path, payload)
    except OSError as exc:
        diagnostics.error(Location(display_path(item.target.path)), f"cannot write the output: {exc.strerror}",
                          "check that the output folder exists, is writable and the disk is not full; "
                          "choose another folder with --out")
        return Outcome(item.target, "failed", f"cannot write: {exc.strerror}")
    updates[item.target.key] = entry(item.target, payload, fingerprint, item.document.trust.version)
    return Outcome(item.target, "built")


def render_all(runnable: list, options: Options, progress):
    """(item, result) for every runnable output, in parallel processes when there are several."""
    if options.jobs > 1 and len(runnable) > 2:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        # fork shares the loaded modules with the workers; elsewhere (macOS, Windows) fork is unsafe.
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with ProcessPoolExecutor(max_workers=options.jobs, mp_context=context) as pool:
            futures = {pool.submit(render_safely, item, options.template): (item, fp) for item, fp in runnable}
            for future in as_completed(futures):
                if progress:
                    progress()
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died (memory, signal)
                    result = ("internal", f"the rendering process failed: {type(exc).__name__}: {exc}")
                yield futures[future], result
    else:
        for item, fp in runnable:
            result = render_safely(item, options.template)
            if progress:
                progress()
            yield (item, fp), result


def render_safely(item: Planned, template: Path | None):
    """("ok", bytes), ("problems", [(message, location, hint)]) or ("internal", the exception's message).

    Plain tuples travel back from worker processes; exceptions with extra fields do not.
    """
    from generator.render.errors import LayoutProblem

    try:
        return "ok", render(item, template)
    except LayoutProblem as exc:
        return "problems", [(p.message, p.source, p.hint) for p in exc.each()]
    except Exception as exc:  # noqa: BLE001 - one broken output must not stop the others
        if type(exc).__name__ == "LayoutError":
            # reportlab's own: a single block taller than a page or panel.
            return "problems", [("a block is too large for a page", None,
                                 "shorten very long words, lists or table cells")]
        return "internal", "".join(traceback.format_exception_only(type(exc), exc)).strip()


def render(item: Planned, template: Path | None = None) -> bytes:
    # Imported here so `check` and no-op runs never pay for reportlab or python-pptx.
    variant = item.target.variant
    if variant.product == "leaflet":
        from generator.render.pdf_leaflet import render_leaflet
        return render_leaflet(item.document, variant.paper, variant.print_shop, variant.tagged)
    if variant.product == "brochure":
        from generator.render.pdf_brochure import render_brochure
        return render_brochure(item.document, variant.paper, variant.print_shop, variant.tagged)
    from generator.render.pptx_deck import render_deck
    return render_deck(item.document, template)
