"""Build the :class:`SiteIndex` of one clinic's web site: its conditions in one language, or, for
the site's front page, in every language the content has."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.document.compose import clinic_info, compose_document, translation
from generator.document.model import Audience, IndexEntry, SiteIndex, SiteLanguage
from generator.loading import schema
from generator.loading.model import Content


def compose_site_index(
    content: Content, clinic: schema.ClinicFile, language: str, images_dir: Path, today: dt.date
) -> SiteIndex:
    """``language`` empty: the front page, listing every language. Entries are in folder order;
    each says whether its page is a draft, as the page itself does."""
    every = sorted({lang for cc in content.conditions for lang in cc.condition.languages} & set(content.labels))
    languages = [language] if language else every
    listed = []
    for lang in languages:
        if lang not in content.labels:
            continue
        entries = []
        for cc in sorted(content.conditions, key=lambda c: c.condition.id):
            if lang in cc.condition.languages:
                doc = compose_document(
                    cc, lang, Audience.PATIENT, clinic, content.labels[lang], images_dir, today, content.labels
                )
                entries.append(IndexEntry(cc.condition.id, doc.title, doc.summary, doc.draft))
        listed.append(SiteLanguage(translation(content.labels[lang]), content.labels[lang], tuple(entries)))
    return SiteIndex(
        clinic_info(clinic, images_dir, "", language),
        tuple(listed),
        front=not language,
        source=clinic.where(),
        translations=tuple(translation(content.labels[lang]) for lang in every),
    )
