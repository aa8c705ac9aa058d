"""Checks that span more than one value or file: ids, translations, references, image files.

Each check reports into ``diagnostics`` and goes on, so an editor sees every problem at once.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol

from generator.assets import fonts
from generator.assets.contrast import ContrastProblem, check_palette
from generator.assets.images import resolve_image
from generator.diagnostics import Diagnostics, Location
from generator.loading import addresses
from generator.loading.model import ConditionContent
from generator.loading.schema import ClinicFile, Labels, LanguageFile, Model, StepsEntry, TableEntry


def _duplicates(items: Iterable[Model], diagnostics: Diagnostics, what: str, key: str = "id") -> None:
    seen: dict[str, Model] = {}
    for item in items:
        value = getattr(item, key)
        if value in seen:
            diagnostics.error(
                item.where(key),
                f"duplicate {what} id '{value}'",
                f"it is already used at line {seen[value].where(key).line}; ids must be unique",
            )
        else:
            seen[value] = item


class _Identified(Protocol):
    """A content mapping with an id (a treatment, an image's texts, a section)."""

    @property
    def id(self) -> str: ...

    def where(self, key: str | None = None, index: int | None = None) -> Location: ...


def _expect_same_ids(
    actual: Iterable[_Identified],
    expected: list[str],
    where_missing: Location,
    what: str,
    reference: str,
    diagnostics: Diagnostics,
) -> None:
    """Report ids missing from or extra in ``actual`` compared with ``expected`` (from ``reference``)."""
    actual = list(actual)
    actual_ids = [item.id for item in actual]
    for item in actual:
        if item.id not in expected:
            close = difflib.get_close_matches(item.id, expected, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"add it to {reference} first, or remove it here"
            diagnostics.error(item.where("id"), f"{what} '{item.id}' is not in {reference}", hint)
    for missing in expected:
        if missing not in actual_ids:
            diagnostics.error(
                where_missing,
                f"{what} '{missing}' from {reference} is missing here",
                f"add the {what} with id '{missing}' (translate it from {reference})",
            )


# The labels leafdeck fills in: the {placeholders} each may hold (nothing else in braces), and an example.
PLACEHOLDERS = {
    "page_of": (("page", "pages"), "side {page} av {pages}"),
    "translation_behind": (("language",), "The {language} text was changed after this translation was made."),
    "changed_since_approval": (("date",), "Changed since its clinical approval on {date}."),
    "whats_new": (("version",), "What is new since version {version}"),
}


def check_labels(labels: Labels, path: Path, diagnostics: Diagnostics) -> bool:
    ok = True
    if labels.language != path.stem:
        diagnostics.error(
            labels.where("language"),
            f"language '{labels.language}' does not match the file name {path.name}",
            f"name the file {labels.language}.yaml or set language: {path.stem}",
        )
        ok = False
    for placeholder in ("{page}", "{pages}"):
        if placeholder not in labels.page_of:
            diagnostics.error(
                labels.where("page_of"), f"page_of must contain {placeholder}", 'e.g. page_of: "side {page} av {pages}"'
            )
            ok = False
    for key, (names, example) in PLACEHOLDERS.items():
        text = getattr(labels, key)
        stray = addresses.stray_brace(text, names)
        if stray:
            allowed = " and ".join(f"{{{name}}}" for name in names)
            diagnostics.error(
                labels.where(key),
                f"{key} may hold only {allowed} in braces, not '{stray}'",
                f'e.g. {key}: "{example}"',
            )
            ok = False
    if not _known_fonts(labels.fonts, lambda i: labels.where("fonts", i), diagnostics):
        ok = False
    return ok


def _known_fonts(ids: tuple[str, ...], where: Callable[[int], Location], diagnostics: Diagnostics) -> bool:
    """Every family a ``fonts:`` list names is one of fonts.toml's (``where``: the place of the n-th)."""
    known = fonts.families()
    unknown = [(n, i) for n, i in enumerate(ids) if i not in known]
    for n, family in unknown:
        guess = difflib.get_close_matches(family, known, n=1)
        diagnostics.error(
            where(n),
            f"unknown font family '{family}'",
            (f"did you mean '{guess[0]}'? " if guess else "")
            + f"use family ids of generator/assets/fonts/fonts.toml: {', '.join(known)}",
        )
    return not unknown


def check_clinic(clinic: ClinicFile, path: Path, images_dir: Path, diagnostics: Diagnostics) -> bool:
    ok = True
    problem: str | ContrastProblem | None
    if clinic.id != path.stem:
        diagnostics.error(
            clinic.where("id"),
            f"clinic id '{clinic.id}' does not match the file name {path.name}",
            f"name the file {clinic.id}.yaml or set id: {path.stem}",
        )
        ok = False
    checks = (
        (
            "web",
            addresses.pattern_problem,
            "write an http(s) address; only {condition} and {lang} may stand in braces, "
            "e.g. https://example.org/{lang}/{condition}",
        ),
        ("email", addresses.email_problem, "write one address, e.g. post@example.org"),
        ("phone", addresses.phone_problem, "write only the number, e.g. +47 22 00 00 00"),
    )
    for key, check, hint in checks:
        value = getattr(clinic, key)
        problem = check(value) if value else None
        if problem:
            diagnostics.error(clinic.where(key), problem, hint)
            ok = False
    for entry in clinic.fonts:
        if not _known_fonts(entry.families, functools.partial(entry.where, "families"), diagnostics):
            ok = False
    if clinic.logo:
        resolved, problem, hint = resolve_image(clinic.logo, images_dir)
        if resolved is None:
            diagnostics.error(clinic.where("logo"), problem, hint)
            ok = False
    colours = clinic.colours
    for problem in check_palette(colours.model_dump(exclude={"at"})):
        where = colours.where(problem.key) if problem.key in colours.at.values else clinic.key_at("colours")
        diagnostics.error(where, problem.message, problem.hint)
        ok = False
    return ok


def check_condition(
    content: ConditionContent, images_dir: Path, labels: Mapping[str, Labels], diagnostics: Diagnostics
) -> None:
    condition = content.condition
    if condition.id != content.folder.name:
        diagnostics.error(
            condition.where("id"),
            f"id '{condition.id}' does not match the folder name '{content.folder.name}'",
            f"rename the folder or set id: {content.folder.name}",
        )
    if condition.source_language not in condition.languages:
        diagnostics.error(
            condition.where("source_language"),
            f"source language '{condition.source_language}' is not in 'languages'",
            f"add {condition.source_language} to languages",
        )
    for lang in condition.languages:
        if lang not in labels:
            diagnostics.error(
                condition.where("languages"),
                f"no labels for language '{lang}' (content/labels/{lang}.yaml)",
                "copy content/labels/en.yaml to that name and translate the values",
            )

    review = condition.review
    if not review.published <= review.last_reviewed <= review.next_review:
        diagnostics.error(
            review.where("next_review"),
            "review dates are out of order",
            "published <= last_reviewed <= next_review must hold",
        )
    if review.status == "approved" and condition.clinical_reviewer is None:
        diagnostics.error(
            review.where("status"),
            "status is 'approved' but no clinical_reviewer is named",
            "add clinical_reviewer: {name: ...} or keep status: draft",
        )

    _duplicates(condition.sources, diagnostics, "source")
    for source in condition.sources:
        problem = addresses.web_problem(source.url) if source.url else None
        if problem:
            diagnostics.error(
                source.where("url"), problem, "write the source's http(s) address, e.g. https://doi.org/..."
            )
    web = condition.organisation.web
    problem = addresses.web_problem(web) if web else None
    if problem:
        diagnostics.error(
            condition.organisation.where("web"), problem, "write an http(s) address, e.g. https://example.org/"
        )
    _duplicates(condition.images, diagnostics, "image")
    _duplicates(condition.treatments, diagnostics, "treatment")
    source_ids = [s.id for s in condition.sources]
    for treatment in condition.treatments:
        for i, ref in enumerate(treatment.sources):
            if ref not in source_ids:
                close = difflib.get_close_matches(ref, source_ids, n=1)
                diagnostics.error(
                    treatment.where("sources", i),
                    f"source '{ref}' is not listed under 'sources'",
                    f"did you mean '{close[0]}'?" if close else "add it to sources: with a citation",
                )
    for image in condition.images:
        resolved, problem, hint = resolve_image(image.file, images_dir)
        if resolved is None:
            diagnostics.error(image.where("file"), problem, hint)
    image_ids = [i.id for i in condition.images]
    if condition.cover is not None and condition.cover not in image_ids:
        close = difflib.get_close_matches(condition.cover, image_ids, n=1)
        diagnostics.error(
            condition.where("cover"),
            f"cover '{condition.cover}' is not an image listed under images:",
            f"did you mean '{close[0]}'?" if close else "add it under images: or remove cover:",
        )
    for person in condition.authors:
        for lang in person.languages:
            if lang not in condition.languages:
                diagnostics.error(
                    person.where("languages"),
                    f"'{person.name}' is credited for language '{lang}', which is not in languages:",
                    f"use one of: {', '.join(condition.languages)}",
                )

    reference_name = f"{condition.source_language}.yaml"
    reference = content.texts.get(condition.source_language)
    for lang, text in content.texts.items():
        _check_language_file(
            content, lang, text, reference if lang != condition.source_language else None, reference_name, diagnostics
        )


def _check_language_file(
    content: ConditionContent,
    lang: str,
    text: LanguageFile,
    reference: LanguageFile | None,
    reference_name: str,
    diagnostics: Diagnostics,
) -> None:
    condition = content.condition
    if text.language != lang:
        diagnostics.error(
            text.where("language"),
            f"language '{text.language}' does not match the file name {lang}.yaml",
            f"set language: {lang}",
        )
    _duplicates(text.sections, diagnostics, "section")
    _duplicates(text.treatments, diagnostics, "treatment")

    _expect_same_ids(
        text.treatments,
        [t.id for t in condition.treatments],
        text.key_at("treatments"),
        "treatment",
        "condition.yaml",
        diagnostics,
    )
    _expect_same_ids(
        text.images, [i.id for i in condition.images], text.key_at("images"), "image", "condition.yaml", diagnostics
    )
    used_groups = sorted({t.group for t in condition.treatments})
    labelled = {g.id for g in text.treatment_groups}
    for group in used_groups:
        if group not in labelled:
            diagnostics.error(
                text.key_at("treatment_groups"),
                f"no label for treatment group '{group}'",
                f"add '{group}: <label>' under treatment_groups",
            )
    if [t.id for t in text.treatments] != [t.id for t in condition.treatments] and {t.id for t in text.treatments} == {
        t.id for t in condition.treatments
    }:
        diagnostics.warning(
            text.where("treatments"),
            "treatments are in a different order than in condition.yaml",
            "the order of condition.yaml is used; reorder here to match",
        )

    image_ids = [i.id for i in condition.images]
    _check_steps(condition, text, diagnostics)
    for section in text.sections:
        for audience in ("patient", "clinician"):
            for block in getattr(section, audience) or ():
                image = getattr(block, "image", None)
                if image is not None and image not in image_ids:
                    close = difflib.get_close_matches(image, image_ids, n=1)
                    diagnostics.error(
                        block.where("figure"),
                        f"figure '{image}' is not an image of condition.yaml",
                        f"did you mean '{close[0]}'?" if close else "add it under images: in condition.yaml",
                    )
        if not section.brochure and any(isinstance(b, TableEntry) for b in section.patient):
            diagnostics.error(
                section.where("brochure"),
                f"section '{section.id}' holds the comparison table, which every brochure shows",
                "remove 'brochure: false' here; leave out other blocks one by one instead",
            )
        if not section.patient and not section.clinician:
            diagnostics.error(
                section.where(),
                f"section '{section.id}' has neither patient nor clinician blocks",
                "add 'patient:' and/or 'clinician:' with at least one block",
            )

    if reference is not None:
        _expect_same_ids(
            text.sections,
            [s.id for s in reference.sections],
            text.key_at("sections"),
            "section",
            reference_name,
            diagnostics,
        )
        ref_sections = {s.id: s for s in reference.sections}
        for section in text.sections:
            ref = ref_sections.get(section.id)
            if ref is None:
                continue
            for audience in ("patient", "clinician"):
                mine = [type(b).__name__ for b in getattr(section, audience) or ()]
                theirs = [type(b).__name__ for b in getattr(ref, audience) or ()]
                if mine != theirs:
                    diagnostics.warning(
                        section.where(audience),
                        f"section '{section.id}' ({audience}) has a different block structure than in {reference_name}",
                        f"{len(mine)} blocks here, {len(theirs)} there: translate block by block",
                    )


def _check_steps(condition, text: LanguageFile, diagnostics: Diagnostics) -> None:
    """A treatment's ``step`` must name a box of the clinician pathway (the first ``steps:`` block)."""
    stepped = [(i, t) for i, t in enumerate(condition.treatments) if t.step is not None]
    if not stepped:
        return
    pathway = next((b for s in text.sections for b in s.clinician if isinstance(b, StepsEntry)), None)
    if pathway is None:
        diagnostics.warning(
            stepped[0][1].where("step"),
            f"treatments have a step, but {text.language}.yaml has no pathway (a clinician 'steps:' block)",
            "add the pathway, or remove step: from the treatments",
        )
        return
    for _, treatment in stepped:
        if treatment.step > len(pathway.items):
            diagnostics.error(
                treatment.where("step"),
                f"step {treatment.step} of treatment '{treatment.id}' is not in "
                f"the pathway of {text.language}.yaml, which has {len(pathway.items)} steps",
                f"use a step from 1 to {len(pathway.items)} (line {pathway.where('steps').line})",
            )
