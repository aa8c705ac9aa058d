"""The whole run in a screenful: targets -> skip what is fresh -> load -> documents -> render -> write.

Each output file is its own unit of work: one that fails (content errors in its condition, a
layout that does not fit) is reported and leaves its earlier file untouched, while every other
output is still built. Outputs whose inputs are unchanged since the manifest recorded them are
skipped; when nothing changed, the content is not even parsed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostics, Location, display_path
from generator.kinds import Product, Status
from generator.pipeline.manifest import Fingerprints, Manifest, Target, entry
from generator.pipeline.output import write_atomic
from generator.pipeline.plan import Planned, plan
from generator.pipeline.targets import Options, targets

if TYPE_CHECKING:
    from generator.pipeline.dispatch import RenderResult


@dataclass
class Outcome:
    target: Target
    status: Status
    reason: str = ""


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)


def check(options: Options, diagnostics: Diagnostics) -> tuple[list[Planned], dict]:
    """Validate everything a build would use and run every quality check, writing nothing.

    Returns the planned outputs and the readability figures per document."""
    from generator.pipeline.plan import load_and_plan  # noqa: PLC0415 - check only
    from generator.pipeline.preflight import preflight  # noqa: PLC0415 - heavy: pydantic and the checks' renderers, not on the no-op path

    planned, _, content = load_and_plan(options, diagnostics)
    figures = preflight(planned, options, diagnostics)
    from generator.pipeline import translate  # noqa: PLC0415 - check only: a no-op build loads no YAML parser

    translate.warn_stale(content, options, diagnostics)
    return planned, figures


def build(options: Options, diagnostics: Diagnostics, progress=None) -> Report:
    """Build what is stale; report every output as built, skipped or failed. Raises ContentError
    only for errors that every output shares (labels, clinics, a missing content folder).

    ``progress(total)``, if given, is called once there is something to render and returns the
    function to call after each output."""
    started = time.perf_counter()
    manifest = Manifest(options.out_dir)
    prints = Fingerprints(
        options.content_dir,
        options.images,
        options.template,
        {"changes_since": options.changes_since} if options.changes_since else {},
        today=options.today,
        index=manifest.index,
    )
    wanted = targets(options, manifest.index)
    fingerprints = {t.key: prints.of(t) for t in wanted}
    fresh = {t.key for t in wanted if not options.force and manifest.is_fresh(t, fingerprints[t.key])}
    if wanted and len(fresh) == len(wanted):
        manifest.record({})  # only if the index learnt a file (a manifest from an older leafdeck)
        return Report([Outcome(t, Status.SKIPPED) for t in wanted], time.perf_counter() - started)

    planned, failed_conditions = plan(options, diagnostics, partial=True)
    report = Report()
    for t in wanted:
        if t.condition in failed_conditions:
            report.outcomes.append(Outcome(t, Status.FAILED, "content errors in this condition (listed above)"))
        elif failed_conditions and t.variant.product is Product.SITE_INDEX:
            report.outcomes.append(
                Outcome(t, Status.FAILED, "lists every condition: waits for the content errors above")
            )

    stale = []
    for item in planned:
        key = item.target.key
        fingerprint = fingerprints.get(key) or prints.of(item.target)
        if key in fresh or (
            key not in fingerprints and not options.force and manifest.is_fresh(item.target, fingerprint)
        ):
            report.outcomes.append(Outcome(item.target, Status.SKIPPED))
        else:
            stale.append((item, fingerprint))

    blocked = _glyph_problems([item for item, _ in stale], diagnostics)
    runnable = [(item, fp) for item, fp in stale if id(item.document) not in blocked]
    for item, _ in stale:
        if id(item.document) in blocked:
            report.outcomes.append(
                Outcome(item.target, Status.FAILED, "characters missing from the font (listed above)")
            )

    from generator.pipeline.dispatch import render_all  # noqa: PLC0415 - multiprocessing: not on the no-op path

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
    from generator.checks.glyphs import check_glyphs  # noqa: PLC0415 - heavy: pydantic and the checks' renderers, not on the no-op path
    from generator.document.model import Document  # noqa: PLC0415 - heavy: pydantic and the checks' renderers, not on the no-op path

    blocked = set()
    drawn = {id(p.document): p.document for p in items if p.target.variant.spec.pdf}
    for document in (d for d in drawn.values() if isinstance(d, Document)):
        own = Diagnostics()
        check_glyphs(document, own)
        diagnostics.extend(own)
        if own.errors:
            blocked.add(id(document))
    return blocked


def _finish(item: Planned, fingerprint: str, result: RenderResult, diagnostics: Diagnostics, updates: dict) -> Outcome:
    from generator.pipeline.dispatch import report_problems  # noqa: PLC0415 - multiprocessing: not on the no-op path

    reason = report_problems(item, result, diagnostics)
    if reason is not None:
        return Outcome(item.target, Status.FAILED, reason)
    payload = result.data
    try:
        for name, data in result.beside:  # a page's fonts and pictures first, the page itself last
            write_atomic(item.target.path.parent / name, data)
        write_atomic(item.target.path, payload)
    except OSError as exc:
        diagnostics.error(
            Location(display_path(item.target.path)),
            f"cannot write the output: {exc.strerror}",
            "check that the output folder exists, is writable and the disk is not full; "
            "choose another folder with --out",
        )
        return Outcome(item.target, Status.FAILED, f"cannot write: {exc.strerror}")
    from generator.document.model import Document  # noqa: PLC0415 - heavy: pydantic and the checks' renderers, not on the no-op path

    version = item.document.trust.version if isinstance(item.document, Document) else ""
    updates[item.target.key] = entry(item.target, payload, fingerprint, version, result.beside)
    return Outcome(item.target, Status.BUILT)
