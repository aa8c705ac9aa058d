"""The whole run in a screenful: load -> build documents -> render in memory -> write atomically.

Nothing is written unless every requested output rendered, so a content error never leaves a
mix of new and old files behind, and earlier good outputs survive any failure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import ContentError, Diagnostics, Location, display_path
from generator.document.build import build_document
from generator.document.model import Audience, Document
from generator.loading.content import Content, load_content
from generator.output import DEFAULT_PRODUCTS, Variant, output_path, variants, write_atomic
from generator.render.errors import LayoutProblem

AUDIENCE_OF = {"leaflet": Audience.PATIENT, "brochure": Audience.PATIENT, "deck": Audience.CLINICIAN}


@dataclass(frozen=True)
class Options:
    content_dir: Path = Path("content")
    images_dir: Path | None = None          # default: images/ beside the content folder
    out_dir: Path = Path("output")
    clinic: str = "default"
    conditions: tuple[str, ...] = ()        # empty = all
    languages: tuple[str, ...] = ()         # empty = all of each condition
    products: tuple[str, ...] = DEFAULT_PRODUCTS
    paper: str = "a4"
    template: Path | None = None            # the deck's PowerPoint template (.pptx/.potx); default: our own
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def images(self) -> Path:
        return self.images_dir if self.images_dir is not None else Path(self.content_dir).parent / "images"


@dataclass(frozen=True)
class Planned:
    condition: str
    language: str
    variant: Variant
    path: Path
    document: Document
    source_file: Path          # the language file, for problems found while laying out


def plan(options: Options, diagnostics: Diagnostics) -> list[Planned]:
    """Load the content and build one Document per requested output. Raises ContentError."""
    content = load_content(options.content_dir, options.images, diagnostics)
    clinic = _select(content, options, diagnostics)
    diagnostics.raise_if_errors()
    planned = []
    for cc in content.conditions:
        if options.conditions and cc.condition.id not in options.conditions:
            continue
        for lang in cc.condition.languages:
            if options.languages and lang not in options.languages:
                continue
            documents: dict[Audience, Document] = {}
            for variant in variants(options.products, options.paper):
                audience = AUDIENCE_OF[variant.product]
                if audience not in documents:
                    documents[audience] = build_document(cc, lang, audience, clinic, content.labels[lang],
                                                         options.images, options.today)
                path = output_path(options.out_dir, clinic.id, cc.condition.id, lang, variant)
                planned.append(Planned(cc.condition.id, lang, variant, path, documents[audience],
                                       cc.folder / f"{lang}.yaml"))
    return planned


def _select(content: Content, options: Options, diagnostics: Diagnostics):
    where = Location(display_path(Path(options.content_dir) / "clinics"))
    clinic = content.clinics.get(options.clinic)
    if clinic is None:
        known = ", ".join(sorted(content.clinics)) or "none"
        diagnostics.error(where, f"clinic '{options.clinic}' not found (known: {known})",
                          f"add content/clinics/{options.clinic}.yaml or pick a known clinic with --clinic")
    ids = {c.condition.id for c in content.conditions}
    for wanted in options.conditions:
        if wanted not in ids:
            diagnostics.error(Location(display_path(options.content_dir)), f"condition '{wanted}' not found",
                              f"known conditions: {', '.join(sorted(ids))}")
    langs = {lang for c in content.conditions for lang in c.condition.languages}
    for wanted in options.languages:
        if wanted not in langs:
            diagnostics.error(Location(display_path(options.content_dir)), f"language '{wanted}' not found",
                              f"languages in the content: {', '.join(sorted(langs))}")
    return clinic


def render(item: Planned, options: Options) -> bytes:
    # Imported here so `check` and later no-op runs never pay for reportlab or python-pptx.
    variant = item.variant
    if variant.product == "leaflet":
        from generator.render.pdf_leaflet import render_leaflet
        return render_leaflet(item.document, variant.paper, variant.print_shop)
    if variant.product == "brochure":
        from generator.render.pdf_brochure import render_brochure
        return render_brochure(item.document, variant.paper, variant.print_shop)
    from generator.render.pptx_deck import render_deck
    return render_deck(item.document, options.template)


def check(options: Options, diagnostics: Diagnostics) -> list[Planned]:
    """Validate everything a build would use, writing nothing."""
    return plan(options, diagnostics)


def build(options: Options, diagnostics: Diagnostics) -> list[Path]:
    """Render every planned output in memory, then write them all. Raises ContentError."""
    planned = plan(options, diagnostics)
    from generator.checks.glyphs import check_glyphs
    for document in {id(p.document): p.document for p in planned if p.variant.product != "deck"}.values():
        check_glyphs(document, diagnostics)
    diagnostics.raise_if_errors()
    rendered = []
    for item in planned:
        product = item.variant.suffix.replace("_", " ")
        try:
            rendered.append((item.path, render(item, options)))
        except LayoutProblem as exc:
            for problem in exc.each():
                diagnostics.error(problem.source or Location(display_path(item.source_file)),
                                  f"{product}: {problem.message}", problem.hint)
        except _layout_errors():
            # reportlab's own LayoutError: a single block taller than a page or panel.
            diagnostics.error(Location(display_path(item.source_file)), f"{product}: a block is too large for a page",
                              "shorten very long words, lists or table cells")
    diagnostics.raise_if_errors()
    written = []
    for path, data in rendered:
        try:
            write_atomic(path, data)
        except OSError as exc:
            diagnostics.error(Location(display_path(path)), f"cannot write the output: {exc.strerror}",
                              "check that the output folder exists, is writable and the disk is not full; "
                              "choose another folder with --out")
            raise ContentError(diagnostics) from None
        written.append(path)
    return written


def _layout_errors() -> tuple[type[Exception], ...]:
    from reportlab.platypus.doctemplate import LayoutError
    return (LayoutError,)
