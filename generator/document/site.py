"""Build the :class:`SiteIndex` of one clinic's web site: its conditions in one language, or, for
the site's front page, in every language the content has."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from generator.document.compose import clinic_info, compose_document, translation
from generator.document.model import Audience, Document, IndexEntry, SiteIndex, SiteLanguage
from generator.loading import schema
from generator.loading.model import ConditionContent, Content


def compose_site_index(
    content: Content,
    clinic: schema.ClinicFile,
    language: str,
    images_dir: Path,
    today: dt.date,
    patient: Callable[[ConditionContent, str], Document] | None = None,
) -> SiteIndex:
    """``language`` empty: the front page, listing every language. Entries are in folder order;
    each says whether its page is a draft, as the page itself does. ``patient(condition, language)``: the
    patient document already composed for that page (a build composes each once), else composed here."""

    def page_document(cc: ConditionContent, lang: str) -> Document:
        if patient is not None:
            return patient(cc, lang)
        return compose_document(
            cc, lang, Audience.PATIENT, clinic, content.labels[lang], images_dir, today, content.labels
        )

    every = sorted({lang for cc in content.conditions for lang in cc.condition.languages} & set(content.labels))
    languages = [language] if language else every
    listed = []
    for lang in languages:
        if lang not in content.labels:
            continue
        entries = []
        for cc in sorted(content.conditions, key=lambda c: c.condition.id):
            if lang in cc.condition.languages:
                doc = page_document(cc, lang)
                entries.append(IndexEntry(cc.condition.id, doc.title, doc.summary, doc.draft))
        listed.append(SiteLanguage(translation(content.labels[lang]), content.labels[lang], tuple(entries)))
    return SiteIndex(
        clinic_info(clinic, images_dir, "", language),
        tuple(listed),
        front=not language,
        source=clinic.where(),
        translations=tuple(translation(content.labels[lang]) for lang in every),
    )
