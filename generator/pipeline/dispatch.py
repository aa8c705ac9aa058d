"""Drawing the planned outputs in memory: dispatch through the product registry, in worker
processes when there are several.

Every result is a RenderResult: plain data travels back from worker processes, exceptions with
extra fields do not. A renderer reports content that does not fit as ``LayoutProblem``; anything
else it raises is a bug in leafdeck and becomes an internal error for that output only.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from enum import StrEnum

from generator.diagnostics import Diagnostics, Location, display_path
from generator.kinds import Bundle
from generator.pipeline.plan import Planned
from generator.pipeline.targets import Options
from generator.render.errors import LayoutProblem


class Rendered(StrEnum):
    OK = "ok"
    PROBLEMS = "problems"  # the content does not fit: positioned problems for staff
    INTERNAL = "internal"  # a bug in leafdeck


@dataclass(frozen=True)
class RenderResult:
    kind: Rendered
    data: bytes = b""
    beside: tuple[tuple[str, bytes], ...] = ()  # files written next to the output (Bundle.files)
    problems: tuple[tuple[str, Location | None, str], ...] = ()  # (message, where, hint)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.kind is Rendered.OK


def report_problems(item: Planned, result: RenderResult, diagnostics: Diagnostics) -> str | None:
    """Turn a failed render into diagnostics; returns the reason for the summary, or None if it worked."""
    product = item.target.variant.suffix.replace("_", " ")
    if result.kind is Rendered.PROBLEMS:
        for message, location, hint in result.problems:
            diagnostics.error(location or Location(display_path(item.source_file)), f"{product}: {message}", hint)
        return result.problems[0][0]
    if result.kind is Rendered.INTERNAL:
        diagnostics.error(
            Location(display_path(item.source_file)),
            f"{product}: internal error: {result.error}",
            "this is a bug in leafdeck, not in your content: please report it with this message",
        )
        return f"internal error: {result.error.splitlines()[-1]}"
    return None


def render_all(
    runnable: list, options: Options, progress: Callable[[], object] | None
) -> Iterator[tuple[tuple, RenderResult]]:
    """((item, extra), result) for every runnable (item, extra) pair, in parallel processes when
    there are several."""
    if options.jobs > 1 and len(runnable) > 2:
        # fork shares the loaded modules with the workers; elsewhere (macOS, Windows) fork is unsafe.
        forked = sys.platform == "linux"
        context = multiprocessing.get_context("fork" if forked else "spawn")
        ordered = sorted(runnable, key=lambda pair: pair[0].target.variant.spec.start)
        # Forked workers find the planned outputs in the memory they inherit and are sent only their number:
        # pickling every document to a worker and back into objects cost a batch ~4 % of its time.
        _INHERITED[:] = [item for item, _ in ordered] if forked else []
        try:
            with ProcessPoolExecutor(max_workers=options.jobs, mp_context=context) as pool:
                futures = {
                    (pool.submit(_render_inherited, n) if forked else pool.submit(render_safely, item)): (item, fp)
                    for n, (item, fp) in enumerate(ordered)
                }
                yield from _as_completed(futures, progress)
        finally:
            _INHERITED.clear()
    else:
        for item, fp in runnable:
            result = render_safely(item)
            if progress:
                progress()
            yield (item, fp), result


_INHERITED: list[Planned] = []  # the outputs a forked pool draws, set before it forks


def _render_inherited(number: int) -> RenderResult:
    return render_safely(_INHERITED[number])


def _as_completed(futures: dict, progress: Callable[[], object] | None) -> Iterator[tuple[tuple, RenderResult]]:
    for future in as_completed(futures):
        if progress:
            progress()
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker that died (memory, signal)
            result = RenderResult(Rendered.INTERNAL, error=f"the rendering process failed: {type(exc).__name__}: {exc}")
        yield futures[future], result


def render_safely(item: Planned) -> RenderResult:
    """Draw one output; never raises."""

    try:
        drawn = render(item)
        if isinstance(drawn, Bundle):
            return RenderResult(Rendered.OK, data=drawn.main, beside=drawn.files)
        return RenderResult(Rendered.OK, data=drawn)
    except LayoutProblem as exc:
        return RenderResult(Rendered.PROBLEMS, problems=tuple((p.message, p.source, p.hint) for p in exc.each()))
    except Exception as exc:  # noqa: BLE001 - one broken output must not stop the others
        return RenderResult(Rendered.INTERNAL, error="".join(traceback.format_exception_only(type(exc), exc)).strip())


def render(item: Planned):
    """The output's bytes (or Bundle), drawn by its product's renderer (imported on first use)."""
    from generator.render import registry  # noqa: PLC0415 - heavy: every renderer's module, not on the no-op path

    return registry.render(item.document, item.target.variant, item.template)
