"""The format-independent document: what a leaflet or a deck says, in reading order.

Built by :mod:`generator.document.compose` from the loaded content for one language and one
audience. Renderers turn it into pages or slides; checks read it. Every element remembers the
content position it came from, so a late problem ("does not fit on slide 7") can still name the
YAML line. Nothing here knows about fonts, sizes or pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from generator.assets.fonts import LATIN, Direction, FontChain, default_chain
from generator.diagnostics import Location
from generator.kinds import Audience  # re-exported: the Document's audience
from generator.loading.schema import Labels, Role


@dataclass(frozen=True)
class Span:
    """A run of text with one emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    text: Inline
    source: Location
    needs_review: str | None = None
    brochure: bool = True  # false: left out of the tri-fold brochure by the content


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]
    source: Location
    needs_review: str | None = None
    brochure: bool = True  # false: left out of the tri-fold brochure by the content


@dataclass(frozen=True)
class Steps(BulletList):
    """Steps in order. A kind of list, so a renderer without a drawing for it shows bullets."""


@dataclass(frozen=True)
class Figure:
    path: Path
    alt: str
    caption: Inline
    credit: str
    source: Location
    needs_review: str | None = None
    brochure: bool = True  # false: left out of the tri-fold brochure by the content


@dataclass(frozen=True)
class Cell:
    """One table cell: paragraphs, then bullet points."""

    paragraphs: tuple[Inline, ...] = ()
    bullets: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class TableRow:
    key: str  # the treatment id
    group: str  # the treatment group's label
    cells: tuple[Cell, ...]
    source: Location
    needs_review: str | None = None


@dataclass(frozen=True)
class ComparisonTable:
    """Treatments x (what, indications, contraindications, course), in the audience's wording."""

    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    source: Location
    needs_review: str | None = None


Block = Paragraph | BulletList | Steps | Figure | ComparisonTable


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]
    source: Location
    callout: bool = False
    part: str | None = None  # a new part of the deck starts here (divider slide, agenda entry)
    needs_review: str | None = None
    brochure: bool = True


@dataclass(frozen=True)
class TreatmentDetail:
    """Everything about one treatment in this audience's wording (for deck slides and notes)."""

    id: str
    name: str
    group: str
    what: Inline
    course: Inline
    indications: tuple[Inline, ...]
    contraindications: tuple[Inline, ...]
    evidence: Inline
    sources: tuple[str, ...]
    source: Location
    needs_review: str | None = None
    step: int | None = None  # its box in the treatment pathway (1-based), if the content says


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str | None
    address: str | None
    email: str | None
    web_display: str | None  # without scheme, as printed
    web_url: str | None  # percent-encoded, for QR codes and links
    logo: Path | None
    colours: Mapping[str, str]
    source: Location = Location("")  # the clinic file
    sources: Mapping[str, Location] = field(default_factory=dict)  # field name -> where it is written
    id: str = ""  # the clinic file's name (content/clinics/<id>.yaml)

    def where(self, key: str) -> Location:
        """Where a field (name, email, web, ...) is written in the clinic file, for layout problems."""
        return self.sources.get(key, self.source)


# The labels key each role is credited under (content/labels/<lang>.yaml).
ROLE_LABELS = {
    Role.AUTHOR: "authors",
    Role.EDITOR: "edited_by",
    Role.TRANSLATOR: "translated_by",
    Role.ILLUSTRATOR: "illustrated_by",
}


@dataclass(frozen=True)
class Credit:
    """The people of one role, credited under that role's label ("Oversatt av")."""

    role: Role
    names: tuple[str, ...]


class SignOffState(StrEnum):
    """How a language's text stands with its clinical approval."""

    RECORDED = "recorded"  # an approval record covers the text as it stands
    CHANGED = "changed"  # approved once, changed since: DRAFT until approved again
    UNRECORDED = "unrecorded"  # approved by review.status and clinical_reviewer only, no record (check flags it)
    NONE = "none"  # not approved


@dataclass(frozen=True)
class Trust:
    """Who wrote it, who checked it, when, and on what evidence."""

    authors: tuple[str, ...]  # role author only: the PDF/PPTX author metadata
    credits: tuple[Credit, ...]  # every role credited in this language version, in Role order
    clinical_reviewer: str | None
    organisation: str
    organisation_contact: str
    version: str
    published: dt.date
    last_reviewed: dt.date
    next_review: dt.date
    sources: tuple[str, ...]
    short_sources: tuple[str, ...]
    disclaimer: str
    feedback: str
    source_links: tuple[str | None, ...] = ()  # each source's web address (DOI), where the content has one
    # Said where readers see it when the source text changed after this translation was made (issue 24).
    translation_behind: str | None = None
    # Clinical sign-off (issue 25): the approving reviewer's role, the date of the clinical approval the text
    # rests on (its last clinical change), the line saying it changed since, and how it stands.
    reviewer_role: str | None = None
    last_clinical_change: dt.date | None = None
    changed_since_approval: str | None = None
    signoff: SignOffState = SignOffState.NONE
    review_due_from: dt.date = dt.date.max  # check warns from this day on: next_review less review.warn_months

    @property
    def notices(self) -> tuple[str, ...]:
        """What the trust block says first, where a reader cannot miss it: a translation behind its source, a
        text changed since its approval."""
        return tuple(n for n in (self.translation_behind, self.changed_since_approval) if n)

    def reviewer(self, not_reviewed: str) -> str:
        """The clinical reviewer as the trust block names them: name (role), or the labels' 'not reviewed'."""
        if not self.clinical_reviewer:
            return not_reviewed
        return f"{self.clinical_reviewer} ({self.reviewer_role})" if self.reviewer_role else self.clinical_reviewer


@dataclass(frozen=True)
class News:
    """What is new since an approval, for the deck's slide after the title (``--changes-since``)."""

    title: str
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class ReviewNote:
    where: Location
    note: str


@dataclass(frozen=True)
class Translation:
    """One language version of a condition, named in its own language ("Norsk bokmål", "English")."""

    language: str
    language_tag: str
    name: str
    direction: Direction = Direction.LTR  # of its script: a link to it is marked when it runs the other way


@dataclass(frozen=True)
class Document:
    condition_id: str
    audience: Audience
    language: str  # content language code, e.g. nb
    language_tag: str  # BCP 47 tag for file metadata, e.g. nb-NO
    title: str
    subtitle: str
    summary: Inline
    icd10: str
    sections: tuple[Section, ...]
    table: ComparisonTable
    treatments: tuple[TreatmentDetail, ...]
    cover_figure: Figure | None
    trust: Trust
    clinic: Clinic
    labels: Labels  # the fixed words of the outputs in the document's language
    draft: bool
    source: Location = Location("")  # the language file
    condition_source: Location = Location("")  # condition.yaml
    clinic_source: Location = Location("")
    labels_source: Location = Location("")
    draft_reasons: tuple[str, ...] = ()
    news: News | None = None  # the clinician document, with --changes-since
    glossary: tuple[tuple[str, str], ...] = ()  # (term, plain explanation), for patients
    medical_terms: tuple[str, ...] = ()  # words patient text must explain (labels + condition)
    review_notes: tuple[ReviewNote, ...] = field(default_factory=tuple)
    translations: tuple[Translation, ...] = ()  # every language version, this one included
    script: str = "Latn"  # ISO 15924: the script of the text (its checks, its direction)
    fonts: FontChain = field(default_factory=lambda: default_chain(LATIN))  # the families that draw it, first first
    direction: Direction = Direction.LTR  # of the language's script: right to left for Arabic letters


@dataclass(frozen=True)
class IndexEntry:
    """One condition as a site index lists it."""

    condition_id: str
    title: str
    summary: Inline
    draft: bool


@dataclass(frozen=True)
class SiteLanguage:
    translation: Translation
    labels: Labels
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True)
class SiteIndex:
    """What a clinic's site lists: its conditions in one language, or (the front page) in all."""

    clinic: Clinic
    languages: tuple[SiteLanguage, ...]
    front: bool  # the site's front page, which links to every language
    source: Location = Location("")  # the clinic file
    draft: bool = False  # an index is never a draft; its entries may be
    translations: tuple[Translation, ...] = ()  # every language the site has, for links between them
