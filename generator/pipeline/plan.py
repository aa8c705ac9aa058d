"""The plan: load the content and build one Document per requested output (per audience, shared)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import ContentError, Diagnostics, Location, display_path
from generator.kinds import Audience, Product, variants
from generator.pipeline.manifest import Target
from generator.pipeline.output import output_path
from generator.pipeline.targets import ALL, Options, in_shard, site_indexes

if TYPE_CHECKING:  # imported where it is needed, so `check` and no-op runs stay light
    from generator.document.model import Document, SiteIndex
    from generator.loading.model import Content

SITE_TEMPLATES = "site"  # content/site/: a clinic's own page templates (README: "Your own page template")


@dataclass(frozen=True)
class Planned:
    target: Target
    document: Document | SiteIndex
    source_file: Path  # the language file (a site index: the clinic file), for late problems
    template: Path | None = None  # the deck's PowerPoint template; for web pages the content's site/ folder


def plan(options: Options, diagnostics: Diagnostics, partial: bool = False) -> tuple[list[Planned], set[str]]:
    """Load the content and build one Document per requested output.

    Returns the planned outputs and the conditions left out for their own content errors
    (only with ``partial``); raises ContentError for errors every output shares.
    """
    planned, failed, _ = load_and_plan(options, diagnostics, partial)
    return planned, failed


def load_and_plan(
    options: Options, diagnostics: Diagnostics, partial: bool = False
) -> tuple[list[Planned], set[str], Content]:
    """:func:`plan`, and the content it loaded (``check`` reads the translations' staleness from it)."""
    from generator.document.compose import compose_document  # noqa: PLC0415 - heavy: pydantic and ruamel.yaml, not on the no-op path
    from generator.document.site import compose_site_index  # noqa: PLC0415 - heavy: pydantic and ruamel.yaml, not on the no-op path
    from generator.loading.content import load_content  # noqa: PLC0415 - heavy: pydantic and ruamel.yaml, not on the no-op path

    content = load_content(
        options.content_dir,
        options.images,
        diagnostics,
        partial=partial,
        clinics_wanted=options.clinics,
        conditions_wanted=options.conditions,
    )
    clinics = _select(content, options, diagnostics)
    if options.changes_since:
        _news_from(content, options, diagnostics)
    if partial:
        _raise_shared(diagnostics, content)
    else:
        diagnostics.raise_if_errors()
    planned = []
    site = Path(options.content_dir) / SITE_TEMPLATES
    templates = {Product.DECK: options.template, Product.PAGE: site, Product.SITE_INDEX: site}
    composed: dict[tuple[str, str, str, Audience], Document] = {}

    def document(cc, lang: str, audience: Audience, clinic) -> Document:
        """Each document composed once: its outputs and the site index listing it share it."""
        key = (clinic.id, cc.condition.id, lang, audience)
        if key not in composed:
            composed[key] = compose_document(
                cc,
                lang,
                audience,
                clinic,
                content.labels[lang],
                options.images,
                options.today,
                content.labels,
                options.changes_since,
            )
        return composed[key]

    for clinic in clinics:
        pages = []
        for cc, lang in _chosen(content, options):
            for variant in variants(options.products, options.paper):
                path = output_path(options.out_dir, clinic.id, cc.condition.id, lang, variant)
                target = Target(clinic.id, cc.condition.id, lang, variant, path)
                if variant.product is Product.PAGE:
                    pages.append(target)
                if not in_shard(target.key, options.shard):
                    continue
                drawn_from = document(cc, lang, variant.spec.audience, clinic)
                planned.append(Planned(target, drawn_from, cc.folder / f"{lang}.yaml", templates.get(variant.product)))
        if content.failed:
            continue  # an index lists every condition: it waits until they all load
        clinic_file = Path(options.content_dir) / "clinics" / f"{clinic.id}.yaml"
        for target in site_indexes(clinic.id, pages, options):
            if in_shard(target.key, options.shard):
                index = compose_site_index(
                    content,
                    clinic,
                    target.language,
                    options.images,
                    options.today,
                    functools.partial(document, audience=Audience.PATIENT, clinic=clinic),
                )
                planned.append(Planned(target, index, clinic_file, site))
    return planned, set(content.failed), content


def _raise_shared(diagnostics: Diagnostics, content) -> None:
    """In a partial load, errors outside the failed conditions' folders stop the run."""
    failed = [Path(content.root) / name for name in content.failed]
    for item in diagnostics.errors:
        file = Path(item.location.file)
        if not any(_inside(file, folder) for folder in failed):
            raise ContentError(diagnostics)


def _inside(file: Path, folder: Path) -> bool:
    """``file`` (as a message names it: a symlink by its own name) is in ``folder``."""
    if Path(os.path.abspath(file)).is_relative_to(os.path.abspath(folder)):
        return True
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
                diagnostics.error(
                    where,
                    f"clinic '{wanted}' not found (known: {known})",
                    f"add content/clinics/{wanted}.yaml or pick a known clinic with --clinic",
                )
            else:
                chosen.append(clinic)
    ids = {c.condition.id for c in content.conditions} | set(content.failed)
    for wanted in options.conditions:
        if wanted not in ids:
            diagnostics.error(
                Location(display_path(options.content_dir)),
                f"condition '{wanted}' not found",
                f"known conditions: {', '.join(sorted(ids))}",
            )
    langs = {lang for c in content.conditions for lang in c.condition.languages}
    for wanted in options.languages:
        if wanted not in langs and not content.failed:
            diagnostics.error(
                Location(display_path(options.content_dir)),
                f"language '{wanted}' not found",
                f"languages in the content: {', '.join(sorted(langs))}",
            )
    return chosen


def _news_from(content, options: Options, diagnostics: Diagnostics) -> None:
    """``--changes-since``: a warning for each chosen language with no approval of that date or version (its
    deck then opens without a "What is new" slide)."""
    for cc, lang in _chosen(content, options):
        since = options.changes_since
        if not any(a.language == lang and since in (a.date.isoformat(), a.version) for a in cc.approvals):
            diagnostics.warning(
                Location(display_path(cc.folder / "approvals.json")),
                f"no approval of {cc.condition.id} ({lang}) of date or version '{since}': its "
                "deck has no 'What is new' slide",
                "name an approval's date (YYYY-MM-DD) or version (approvals.json lists them)",
            )


def _chosen(content, options: Options):
    """Every chosen (condition, language) of the content, as ``--condition`` and ``--lang`` choose them."""
    for cc in content.conditions:
        if options.conditions and cc.condition.id not in options.conditions:
            continue
        for lang in cc.condition.languages:
            if not options.languages or lang in options.languages:
                yield cc, lang
