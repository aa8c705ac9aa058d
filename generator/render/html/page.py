"""Document -> the patient web page: one folder with ``index.html``, its fonts and its pictures.

The page says what the leaflet says, in the same order, as semantic HTML5 for phones and screen
readers: one ``<h1>``, landmarks, a skip link, the comparison table as a real ``<table>`` that
becomes one card per treatment on a narrow screen, the pathway as an ordered list, the callout as
an ``<aside>``, the trust block in the footer and Schema.org JSON-LD for search engines. It reads
the same without JavaScript and without its fonts. Links stay inside the site's folder tree
(``<clinic>/site/<condition>/<lang>/``), so the folder works from a disk and from any static host.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from generator.assets.colour import ratio
from generator.assets.fonts import LATIN, Direction, FontChain, body_family, chain
from generator.document.inline import plain
from generator.document.model import (
    ROLE_LABELS,
    BulletList,
    ComparisonTable,
    Document,
    Figure,
    Paragraph,
    Section,
    SignOffState,
    Steps,
    TableRow,
)
from generator.kinds import Bundle
from generator.render.html import assets
from generator.render.html.environment import render_template

if TYPE_CHECKING:
    from generator.kinds import Variant

NORMAL_TEXT = 4.5  # WCAG 1.4.3: contrast of body-size text and links


def render(doc: Document, variant: Variant, template: Path | None = None) -> Bundle:
    """The registry's entry point: ``template`` is the content's ``site/`` folder of a clinic's own templates."""
    pictures = _pictures(doc)
    # Other versions are named in their own letters: the page carries those letters' families too.
    context = {
        "doc": doc,
        "labels": doc.labels,
        "clinic": doc.clinic,
        "trust": doc.trust,
        "lang": doc.language_tag,
        **writing(
            doc.fonts, doc.direction, others := assets.other_scripts([t.name for t in doc.translations], doc.fonts)
        ),
        "title": doc.title,
        "colours": palette(doc.clinic.colours),
        "home": f"../../{doc.language}/index.html",
        "logo": _logo(doc),
        "alternates": [(t, f"../{t.language}/index.html") for t in doc.translations],
        "others": [(t, f"../{t.language}/index.html") for t in doc.translations if t.language != doc.language],
        "sections": [_section(s, pictures, doc.cover_figure) for s in doc.sections],
        "cover": _figure(doc.cover_figure, pictures) if doc.cover_figure else None,
        "sources": _sources(doc),
        "contact": contact(doc.clinic),
        "json_ld": json_ld(doc),
        "reviewer": doc.trust.reviewer(doc.labels.not_reviewed),
        "credits": [(getattr(doc.labels, ROLE_LABELS[c.role]), ", ".join(c.names)) for c in doc.trust.credits],
    }
    html = render_template("page.html", template, doc.clinic.id, **context)
    files = [(name, data) for picture in pictures.values() for name, _, data in picture.files]
    if context["logo"]:
        files += [(name, data) for name, _, data in context["logo"].files]
    return Bundle(html.encode("utf-8"), (*font_files(html, doc.script, others, doc.fonts), *files))


def font_files(
    html: str, script: str = LATIN, others: list[str] | None = None, fonts: FontChain | None = None
) -> tuple[tuple[str, bytes], ...]:
    """The fonts the finished page names (``fonts``, else ``script``'s), cut to its characters."""
    text = _visible_text(html)
    return tuple((face.file, data) for face, data in assets.font_files(text, script, others, fonts))


def writing(fonts: str | FontChain, direction: Direction, others: list[str]) -> dict:
    """What the templates need to write a language: its direction, its family (CSS name, file stem; ``fonts``:
    the language's chain, or a script for its chain) and the families of the other scripts the page shows
    (``others``: language names in their own letters)."""
    return {
        "dir": str(direction),
        "font": {"family": body_family(fonts).name, "slug": assets.family_slug(fonts)},
        "more_fonts": [{"family": chain(s)[0].name, "slug": assets.own_slug(s)} for s in others],
    }


def _visible_text(html: str) -> str:
    """Every character a reader can see: the text between tags, with entities decoded."""

    chunks: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            chunks.append(data)

    Text(convert_charrefs=True).feed(html)
    return "".join(chunks)


def palette(colours) -> dict[str, str]:
    """The clinic's colours for the page: links and headings in the primary colour where it is
    readable on white at body size, otherwise in the text colour (the loader checks the rest)."""
    primary, text = colours["primary"], colours["text"]
    readable = ratio(primary, "#FFFFFF") >= NORMAL_TEXT
    return {
        "primary": primary,
        "text": text,
        "accent": colours["accent"],
        "callout": colours["callout_background"],
        "link": primary if readable else text,
    }


def _logo(doc: Document):
    return assets.logo(doc.clinic.logo) if doc.clinic.logo else None


def _pictures(doc: Document) -> dict[Path, assets.Picture]:
    figures = [doc.cover_figure] if doc.cover_figure else []
    figures += [b for s in doc.sections for b in s.blocks if isinstance(b, Figure)]
    found: dict[Path, assets.Picture] = {}
    for figure in figures:
        if figure.path not in found:
            found[figure.path] = assets.picture(figure.path, f"picture-{len(found) + 1}")
    return found


def _figure(figure: Figure, pictures: dict) -> dict:
    return {"kind": "figure", "figure": figure, "picture": pictures[figure.path]}


def _section(section: Section, pictures: dict, cover: Figure | None) -> dict:
    """A section's blocks for the template; the cover picture is shown once, at the top (as in the leaflet)."""
    blocks = []
    for block in section.blocks:
        if isinstance(block, Figure) and cover is not None and block.path == cover.path:
            continue
        if isinstance(block, ComparisonTable):
            blocks.append({"kind": "table", "table": block, "groups": _groups(block.rows)})
        elif isinstance(block, Steps):
            blocks.append({"kind": "steps", "entries": block.items})
        elif isinstance(block, BulletList):
            blocks.append({"kind": "list", "entries": block.items})
        elif isinstance(block, Figure):
            blocks.append(_figure(block, pictures))
        elif isinstance(block, Paragraph):
            blocks.append({"kind": "paragraph", "text": block.text})
    return {"id": f"s-{section.id}", "title": section.title, "callout": section.callout, "blocks": blocks}


def _groups(rows: tuple[TableRow, ...]) -> list[tuple[str, list[TableRow]]]:
    """The rows in runs of one treatment group, in table order."""
    groups: list[tuple[str, list[TableRow]]] = []
    for row in rows:
        if not groups or groups[-1][0] != row.group:
            groups.append((row.group, []))
        groups[-1][1].append(row)
    return groups


def web_link(url: str | None) -> str | None:
    """Only web addresses become links: nothing in the content can make a ``javascript:`` link."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def _sources(doc: Document) -> list[tuple[str, str | None]]:
    links = doc.trust.source_links or (None,) * len(doc.trust.sources)
    return [(citation, web_link(url)) for citation, url in zip(doc.trust.sources, links)]


def contact(clinic) -> dict:
    return {
        "phone": clinic.phone,
        "tel": "tel:" + re.sub(r"[^\d+]", "", clinic.phone) if clinic.phone else None,
        "email": clinic.email,
        "address": clinic.address,
        "web": web_link(clinic.web_url),
        "web_display": clinic.web_display,
    }


def json_ld(doc: Document) -> dict:
    """Schema.org: a MedicalWebPage about a MedicalCondition, reviewed, for patients."""
    trust = doc.trust
    data: dict = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": doc.title,
        "description": plain(doc.summary),
        "inLanguage": doc.language_tag,
        "audience": {"@type": "Patient"},
        "about": {
            "@type": "MedicalCondition",
            "name": doc.title,
            **({"code": {"@type": "MedicalCode", "code": doc.icd10, "codingSystem": "ICD-10"}} if doc.icd10 else {}),
        },
        "datePublished": trust.published.isoformat(),
        "lastReviewed": trust.last_reviewed.isoformat(),
        "version": trust.version,
        "author": [{"@type": "Person", "name": name} for name in trust.authors],
        "publisher": {"@type": "Organization", "name": trust.organisation},
        "citation": list(trust.sources),
    }
    if trust.clinical_reviewer:
        data["reviewedBy"] = {"@type": "Person", "name": trust.clinical_reviewer}
        if trust.reviewer_role:
            data["reviewedBy"]["jobTitle"] = trust.reviewer_role
    if trust.signoff is SignOffState.RECORDED and trust.last_clinical_change:
        data["lastReviewed"] = trust.last_clinical_change.isoformat()  # the approval the text rests on
    return data
