"""SiteIndex -> a clinic's site index: its conditions in one language (``<lang>/index.html``) or,
on the front page (``index.html``), every language with its conditions, each part in its language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.document.compose import language_script
from generator.document.model import SiteIndex
from generator.kinds import Bundle
from generator.render.html import assets
from generator.render.html.environment import render_template
from generator.render.html.page import contact, font_files, palette, writing

if TYPE_CHECKING:
    from generator.kinds import Variant


def render(index: SiteIndex, variant: Variant, template: Path | None = None) -> Bundle:
    """The registry's entry point for Product.SITE_INDEX."""
    first = index.languages[0]
    up = "" if index.front else "../"  # the front page sits one folder above the language indexes
    parts = [
        {
            "code": part.translation.language,
            "lang": part.translation.language_tag,
            "dir": str(part.translation.direction),
            "name": part.translation.name,
            "labels": part.labels,
            "home": f"{up}{part.translation.language}/index.html",
            "entries": [
                {
                    "href": f"{up}{e.condition_id}/{part.translation.language}/index.html",
                    "title": e.title,
                    "summary": e.summary,
                    "draft": e.draft,
                }
                for e in part.entries
            ],
        }
        for part in index.languages
    ]
    logo = assets.logo(index.clinic.logo) if index.clinic.logo else None
    # The front page lists every language: its fonts are those of the first language's script (Latin when
    # the clinic's first language is), any other letters from the merged fallbacks or the reader's system.
    script = language_script(first.labels)
    names = [part.translation.name for part in index.languages] + [t.name for t in index.translations]
    names += [e.title for part in index.languages for e in part.entries]
    others = assets.other_scripts(names, script)
    own = [] if index.front else [(t, f"../{t.language}/index.html") for t in index.translations]
    heading = index.clinic.name if index.front else first.labels.leaflet_subject
    html = render_template(
        "index.html",
        template,
        index.clinic.id,
        lang=first.translation.language_tag,
        **writing(script, first.translation.direction, others),
        labels=first.labels,
        clinic=index.clinic,
        logo=logo,
        title=f"{heading} – {index.clinic.name}" if not index.front else heading,
        heading=heading,
        colours=palette(index.clinic.colours),
        home="index.html",
        front=index.front,
        parts=parts,
        contact=contact(index.clinic),
        alternates=own,
        others=[(t, href) for t, href in own if t.language != first.translation.language],
    )
    files = [(name, data) for name, _, data in logo.files] if logo else []
    return Bundle(html.encode("utf-8"), (*font_files(html, script, others), *files))
