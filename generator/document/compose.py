"""Build the format-independent :class:`Document` for one condition, language and audience.

Here the audience decides the wording: patient blocks and patient treatment texts for the
leaflet, clinician ones for the deck. The comparison table is assembled from the treatments and
put where the content's ``- table: treatments`` block stands.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import quote, urlsplit, urlunsplit

from generator.assets import fonts
from generator.assets.images import resolve_image
from generator.document.inline import parse_inline
from generator.document.model import (
    Audience,
    Block,
    BulletList,
    Cell,
    Clinic,
    ComparisonTable,
    Credit,
    Document,
    Figure,
    News,
    Paragraph,
    ReviewNote,
    Section,
    SignOffState,
    Steps,
    TableRow,
    Translation,
    TreatmentDetail,
    Trust,
)
from generator.loading import addresses, schema
from generator.loading.approvals import Approval
from generator.loading.model import ConditionContent
from generator.signoff.redline import Mark, compare
from generator.signoff.snapshot import snapshot
from generator.signoff.state import SignOff, sign_off
from generator.translation.stale import clinical, missing, stale
from generator.translation.units import units


def compose_document(
    content: ConditionContent,
    language: str,
    audience: Audience,
    clinic: schema.ClinicFile,
    labels: schema.Labels,
    images_dir: Path,
    today: dt.date,
    all_labels: Mapping[str, schema.Labels] | None = None,
    changes_since: str | None = None,
) -> Document:
    """``all_labels`` (every language's labels) names the other language versions, for the web page;
    ``changes_since``: the clinician document lists the clinical changes since that approval (date or version)."""
    condition = content.condition
    text = content.texts[language]
    notes: list[ReviewNote] = []

    def noted(item: schema.Model) -> str | None:
        note = getattr(item, "needs_review", None)
        if note:
            notes.append(ReviewNote(item.where("needs_review"), note))
        return note

    noted(text)  # a whole translation waiting for its check
    images = {asset.id: asset for asset in condition.images}
    image_texts = {t.id: t for t in text.images}

    def figure(image_id: str, source_item: schema.Model) -> Figure:
        asset, words = images[image_id], image_texts[image_id]
        path, _, _ = resolve_image(asset.file, images_dir)
        # cast: the images were checked while loading (check_condition), so each one resolves.
        return Figure(
            cast(Path, path),
            words.alt,
            parse_inline(words.caption),
            asset.credit,
            source_item.where(),
            noted(source_item),
            getattr(source_item, "brochure", True),
        )

    groups = {g.id: g.label for g in text.treatment_groups}
    refs = {t.id: t for t in condition.treatments}
    citations = {s.id: s.citation for s in condition.sources}
    treatments = [t for t in text.treatments if t.id in refs]
    treatments.sort(key=lambda t: list(refs).index(t.id))
    table = _comparison_table(text, treatments, refs, groups, audience, labels, noted)

    sections = []
    for section in text.sections:
        blocks_in = getattr(section, audience.value)
        if not blocks_in:
            continue
        blocks: list[Block] = []
        for block in blocks_in:
            if isinstance(block, schema.ParagraphEntry):
                blocks.append(Paragraph(parse_inline(block.text), block.where("p"), noted(block), block.brochure))
            elif isinstance(block, schema.StepsEntry):
                blocks.append(
                    Steps(
                        tuple(parse_inline(i) for i in block.items), block.where("steps"), noted(block), block.brochure
                    )
                )
            elif isinstance(block, schema.ListEntry):
                blocks.append(
                    BulletList(
                        tuple(parse_inline(i) for i in block.items), block.where("list"), noted(block), block.brochure
                    )
                )
            elif isinstance(block, schema.FigureEntry):
                blocks.append(figure(block.image, block))
            elif isinstance(block, schema.TableEntry):
                noted(block)
                blocks.append(table)
        title = section.title if audience is Audience.PATIENT else (section.clinician_title or section.title)
        sections.append(
            Section(
                section.id,
                title,
                tuple(blocks),
                section.where(),
                callout=section.callout,
                part=section.part,
                needs_review=noted(section),
                brochure=section.brochure,
            )
        )

    details = tuple(
        TreatmentDetail(
            id=t.id,
            name=t.name,
            group=groups.get(refs[t.id].group, refs[t.id].group),
            what=parse_inline(words.what),
            course=parse_inline(words.course),
            indications=tuple(parse_inline(i) for i in words.indications),
            contraindications=tuple(parse_inline(i) for i in words.contraindications),
            evidence=parse_inline(words.evidence or ""),
            sources=tuple(citations[s] for s in refs[t.id].sources if s in citations),
            source=t.where(),
            needs_review=t.needs_review,
            step=refs[t.id].step,
        )
        for t in treatments
        for words in [getattr(t, audience.value)]
    )

    cover_asset = next((i for i in condition.images if i.id == condition.cover), None)
    cover = figure(cover_asset.id, cover_asset) if cover_asset is not None else None
    review = condition.review
    reasons = []
    signed = _per_language(content, ("sign-off", language, images_dir), lambda: sign_off(content, language, images_dir))
    approval = _approval(condition, signed, labels)
    if approval.state is SignOffState.CHANGED:
        reasons.append(f"changed since its clinical approval on {cast(dt.date, approval.date).isoformat()}")
    elif approval.state is SignOffState.NONE:
        reasons.append(f"review status is '{review.status}'")
    if review.next_review < today:
        reasons.append(f"next review date {review.next_review.isoformat()} has passed")
    if notes:
        reasons.append(f"{len(notes)} item(s) marked needs_review")
    behind = _per_language(content, ("behind", language), lambda: _behind(content, language))
    if any(clinical(context) for context in behind):
        changed = ", ".join(context for context in behind if clinical(context))
        reasons.append(f"clinical text changed in the {condition.source_language} source since translated: {changed}")
    source_labels = (all_labels or {}).get(condition.source_language)
    source_name = source_labels.language_name if source_labels else condition.source_language

    return Document(
        condition_id=condition.id,
        audience=audience,
        language=language,
        language_tag=labels.language_tag,
        script=language_script(labels),
        fonts=fonts.chosen_chain(language_script(labels), labels.fonts, clinic.fonts_for(language_script(labels))),
        direction=translation(labels).direction,
        title=text.title,
        subtitle=text.subtitle,
        summary=parse_inline(text.summary),
        icd10=condition.icd10,
        sections=tuple(sections),
        table=table,
        treatments=details,
        cover_figure=cover,
        trust=Trust(
            authors=tuple(p.name for p in condition.authors if p.role is schema.Role.AUTHOR)
            or tuple(p.name for p in condition.authors),
            credits=_credits(condition.authors, language),
            clinical_reviewer=approval.reviewer,
            reviewer_role=approval.role,
            last_clinical_change=approval.date,
            changed_since_approval=approval.changed,
            signoff=approval.state,
            review_due_from=months_before(review.next_review, review.warn_months),
            organisation=condition.organisation.name,
            organisation_contact=condition.organisation.contact,
            version=review.version,
            published=review.published,
            last_reviewed=review.last_reviewed,
            next_review=review.next_review,
            sources=tuple(s.citation for s in condition.sources),
            short_sources=tuple(s.short or s.citation for s in condition.sources),
            disclaimer=text.disclaimer,
            feedback=text.feedback,
            source_links=tuple(s.url for s in condition.sources),
            translation_behind=labels.translation_behind.replace("{language}", source_name) if behind else None,
        ),
        clinic=clinic_info(clinic, images_dir, condition.id, language),
        labels=labels,
        draft=bool(reasons),
        source=text.where(),
        condition_source=condition.where(),
        clinic_source=clinic.where(),
        labels_source=labels.where(),
        glossary=tuple((g.term, g.explanation) for g in text.glossary) if audience is Audience.PATIENT else (),
        medical_terms=tuple(dict.fromkeys((*labels.medical_terms, *text.medical_terms))),
        draft_reasons=tuple(reasons),
        review_notes=tuple(dict.fromkeys(notes)),
        news=_news(content, language, changes_since, labels, images_dir) if audience is Audience.CLINICIAN else None,
        translations=tuple(translation(all_labels[lang]) for lang in condition.languages if lang in all_labels)
        if all_labels
        else (translation(labels),),
    )


@dataclass(frozen=True)
class _Approval:
    state: SignOffState
    reviewer: str | None
    role: str | None = None
    date: dt.date | None = None
    changed: str | None = None  # the trust block's line when the text changed since its approval


def _approval(condition: schema.ConditionFile, signed: SignOff | None, labels: schema.Labels) -> _Approval:
    """Who approved the text as it stands, and when; without approval records, the condition file's
    ``review.status`` and ``clinical_reviewer`` (issue 25)."""
    if signed is None:
        name = condition.clinical_reviewer.name if condition.clinical_reviewer else None
        approved = condition.review.status == "approved"
        return _Approval(SignOffState.UNRECORDED if approved else SignOffState.NONE, name)
    if signed.approved and signed.clinical is not None:
        clinical = signed.clinical
        return _Approval(SignOffState.RECORDED, clinical.reviewer, clinical.role, clinical.date)
    latest = cast(Approval, signed.latest)  # a language with records has a latest one
    changed = labels.changed_since_approval.replace("{date}", latest.date.isoformat())
    return _Approval(SignOffState.CHANGED, latest.reviewer, latest.role, latest.date, changed)


def _news(content: ConditionContent, language: str, since: str | None, labels, images_dir: Path) -> News | None:
    """The clinical texts changed since the approval of ``since`` (date or version): new and changed ones as
    they read now, removed ones as they read then after the labels' ``no_longer``."""
    approved = [a for a in content.approvals if a.language == language and since in (a.date.isoformat(), a.version)]
    if not since or not approved:
        return None
    found = compare(approved[-1].snapshot, snapshot(content, language, images_dir), {}, content.texts[language].where())
    items = []
    for change in found:
        if not change.clinical or change.context.startswith("facts/"):
            continue
        if change.removed:
            items.append(parse_inline(f"{_escape_md(labels.no_longer)} " + "".join(p.text for p in change.pieces)))
        else:
            items.append(parse_inline("".join(p.text for p in change.pieces if p.mark is not Mark.DELETED)))
    title = labels.whats_new.replace("{version}", approved[-1].version)
    return News(title, tuple(dict.fromkeys(items))) if items else None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day where it has fewer)."""
    month = day.year * 12 + day.month - 1 - months
    year, month = divmod(month, 12)
    last = (dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(day.day, last))


# Per loaded condition (by identity, dropped with it): what depends on the condition and one language only (its
# stale units, its sign-off) is the same for every clinic and audience, and each walks every text unit.
_PER_LANGUAGE: dict[int, dict[tuple, Any]] = {}
T = TypeVar("T")


def _per_language(content: ConditionContent, key: tuple, compute: Callable[[], T]) -> T:
    """``compute()`` once per loaded condition and ``key`` (which names the language)."""
    if id(content) not in _PER_LANGUAGE:
        _PER_LANGUAGE[id(content)] = {}
        weakref.finalize(content, _PER_LANGUAGE.pop, id(content), None)
    known = _PER_LANGUAGE[id(content)]
    if key not in known:
        known[key] = compute()
    return known[key]


def _behind(content: ConditionContent, language: str) -> tuple[str, ...]:
    """The contexts of the units whose source text has changed since ``language`` translated them, or that
    the source has gained since."""
    lock = content.translated_from.get(language)
    if not lock or language == content.condition.source_language:
        return ()
    source = units(content.texts[content.condition.source_language])
    changed = [unit.context for unit, _ in stale(source, lock)]
    return (*changed, *(unit.context for unit in missing(source, lock, units(content.texts[language]))))


def language_script(labels: schema.Labels) -> str:
    """The script a language is written in: its labels' ``script:``, else the one its own name is written in."""
    return labels.script or fonts.script_of(labels.language_name)


def translation(labels: schema.Labels) -> Translation:
    direction = fonts.direction_of(language_script(labels))
    return Translation(labels.language, labels.language_tag, labels.language_name, direction)


def _comparison_table(text, treatments, refs, groups, audience, labels, noted) -> ComparisonTable:
    if audience is Audience.PATIENT:
        columns = (labels.treatment, labels.indications_patient, labels.contraindications_patient, labels.course)
    else:
        columns = (labels.treatment, labels.indications_clinician, labels.contraindications_clinician, labels.course)
    rows = []
    for t in treatments:
        words: schema.TreatmentText = getattr(t, audience.value)
        name_cell = Cell(paragraphs=(parse_inline(f"**{_escape_md(t.name)}**"), parse_inline(words.what)))
        rows.append(
            TableRow(
                key=t.id,
                group=groups.get(refs[t.id].group, refs[t.id].group),
                cells=(
                    name_cell,
                    Cell(bullets=tuple(parse_inline(i) for i in words.indications)),
                    Cell(bullets=tuple(parse_inline(i) for i in words.contraindications)),
                    Cell(paragraphs=(parse_inline(words.course),)),
                ),
                source=t.where(),
                needs_review=noted(t),
            )
        )
    return ComparisonTable(columns, tuple(rows), text.where("treatments"))


def _escape_md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*")


def _credits(people, language: str) -> tuple[Credit, ...]:
    """Names per role, in the order of :class:`Role`; a person limited to some languages is
    credited in those only (a translator of the English version)."""
    credited = [p for p in people if not p.languages or language in p.languages]
    return tuple(
        Credit(role, tuple(p.name for p in credited if p.role is role))
        for role in schema.Role
        if any(p.role is role for p in credited)
    )


def clinic_info(clinic: schema.ClinicFile, images_dir: Path, condition_id: str, language: str) -> Clinic:
    """The clinic as printed for one condition and language: its web address pattern filled in."""
    logo = resolve_image(clinic.logo, images_dir)[0] if clinic.logo else None
    web = addresses.fill(clinic.web, condition_id, language) if clinic.web else None
    return Clinic(
        id=clinic.id,
        name=clinic.name,
        phone=clinic.phone,
        address=clinic.address,
        email=clinic.email,
        web_display=web_display(web) if web else None,
        web_url=web_url(web) if web else None,
        logo=logo,
        colours=clinic.colours.model_dump(exclude={"at"}),
        source=clinic.where(),
        sources={key: clinic.where(key) for key in ("name", "phone", "address", "email", "web", "logo")},
    )


def web_display(url: str) -> str:
    """A web address as printed: no scheme, no trailing slash."""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    return parts.netloc + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")


def web_url(url: str) -> str:
    """The address percent-encoded (IDNA host), safe for QR codes and PDF links."""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe="/%"),
            quote(parts.query, safe="=&%"),
            quote(parts.fragment, safe="%"),
        )
    )
