"""What authors write: the typed, immutable model of the content files.

One pydantic model per YAML mapping. Models are strict (``0450`` where text is expected is an
error, not a number), frozen, and refuse unknown keys. Every model keeps the source positions of
its mapping in ``at`` (filled by :mod:`generator.loading.yaml_source`), so any later stage can
point a message at the line that caused it. ``content/schema/*.schema.json`` is generated from
these classes (``python -m generator.loading.jsonschema``) and a test keeps the two in sync.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, StringConstraints, Tag
from pydantic.json_schema import SkipJsonSchema

from generator.diagnostics import Location
from generator.loading.yaml_source import POSITIONS_KEY, Positions

NOWHERE = Positions(Location("<unknown>"), {}, {}, {})

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Text = Annotated[str, StringConstraints(min_length=1)]
Texts = Annotated[tuple[Text, ...], Field(min_length=1)]
# Dates come from YAML as dates; a quoted "2026-11-25" is accepted too.
Date = Annotated[dt.date, Field(strict=False)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


class Model(BaseModel):
    """Base of every content mapping: strict, frozen, no unknown keys, remembers its position."""

    # defer_build: a model's validator is built when a file of its kind is first parsed, not at import; a build
    # whose files all come from the parse cache never needs one (~15 ms of a cold start).
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid", arbitrary_types_allowed=True, defer_build=True)

    at: SkipJsonSchema[Positions] = Field(default=NOWHERE, alias=POSITIONS_KEY, exclude=True, repr=False)

    def where(self, key: str | None = None, index: int | None = None) -> Location:
        """Source position of this mapping, or of one of its values (or list items)."""
        return self.at.at if key is None else self.at.of(key, index)

    def key_at(self, key: str) -> Location:
        """Where ``key`` itself is written (for "something is missing under this key")."""
        return self.at.keys.get(key, self.at.at)


def _keyed(value: Any) -> Any:
    """Turn an ``{id: {...}}`` mapping into a tuple of mappings carrying their ``id``.

    Authors write translations keyed by id (easy to scan); the model wants one shape for
    every list of identified things, each with the position of its id.
    """
    if not isinstance(value, dict):
        return value
    parent: Positions = value.get(POSITIONS_KEY, NOWHERE)
    out = []
    for key, item in value.items():
        if key == POSITIONS_KEY:
            continue
        if isinstance(item, dict):
            pos: Positions = item.get(POSITIONS_KEY, NOWHERE)
            key_loc = parent.keys.get(key, pos.at)
            pos = dataclasses.replace(pos, keys={**pos.keys, "id": key_loc}, values={**pos.values, "id": key_loc})
            item = {**item, "id": key, POSITIONS_KEY: pos}
        out.append(item)
    return tuple(out)


def Keyed(model: type, value_schema: dict) -> Any:  # noqa: N802 - reads like a type
    return Annotated[tuple[model, ...], BeforeValidator(_keyed, json_schema_input_type=value_schema)]  # type: ignore[valid-type]


# --- condition.yaml -----------------------------------------------------------------------------


class Review(Model):
    status: Literal["draft", "approved"]
    version: Text
    published: Date
    last_reviewed: Date
    next_review: Date
    # check warns this many months before next_review (a review takes time: start it early)
    warn_months: Annotated[int, Field(ge=0, le=36)] = 3


class Role(StrEnum):
    """What a person did; the outputs credit each role under its own label ("Skrevet av", "Oversatt av")."""

    AUTHOR = "author"
    EDITOR = "editor"
    TRANSLATOR = "translator"
    ILLUSTRATOR = "illustrator"


class Person(Model):
    name: Text
    role: Annotated[Role, Field(strict=False)] = Role.AUTHOR
    # Only credited in these language versions (a translator of en.yaml); empty = every language.
    languages: tuple[LanguageCode, ...] = ()


class Reviewer(Model):
    name: Text


class Organisation(Model):
    name: Text
    contact: Text
    web: Text | None = None


class Source(Model):
    id: Id
    short: Text | None = None  # e.g. "Koc et al. 2023", where space is tight (brochure)
    citation: Text
    url: Text | None = None


class ImageAsset(Model):
    id: Id
    file: Text
    credit: Text


class TreatmentRef(Model):
    id: Id
    group: Id
    # Its place in the treatment pathway: the number of the step (1 = the first box of the
    # clinician ``steps:`` block). Shown on the deck's comparison overview.
    step: Annotated[int, Field(ge=1, le=20)] | None = None
    sources: tuple[Id, ...] = ()


class ConditionFile(Model):
    """``content/<condition>/condition.yaml``: the language-neutral facts of one condition."""

    id: Id
    icd10: Text
    source_language: LanguageCode
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1)]
    review: Review
    authors: Annotated[tuple[Person, ...], Field(min_length=1)]
    clinical_reviewer: Reviewer | None = None
    organisation: Organisation
    sources: tuple[Source, ...] = ()
    images: tuple[ImageAsset, ...] = ()
    cover: Id | None = None  # the image on the leaflet's first page and the brochure's cover
    treatments: Annotated[tuple[TreatmentRef, ...], Field(min_length=1)]


# --- <lang>.yaml --------------------------------------------------------------------------------


class ParagraphEntry(Model):
    text: Text = Field(alias="p")
    needs_review: Text | None = None
    brochure: bool = True  # false: leaflet (and deck) only, not in the brochure


class ListEntry(Model):
    items: Texts = Field(alias="list")
    needs_review: Text | None = None
    brochure: bool = True  # false: leaflet (and deck) only, not in the brochure


class StepsEntry(Model):
    """A pathway of steps in order (step care); the deck draws it as connected native shapes."""

    items: Texts = Field(alias="steps")
    needs_review: Text | None = None
    brochure: bool = True


class FigureEntry(Model):
    image: Id = Field(alias="figure")
    needs_review: Text | None = None
    brochure: bool = True  # false: leaflet (and deck) only, not in the brochure


class TableEntry(Model):
    table: Literal["treatments"]
    needs_review: Text | None = None


BLOCK_KINDS = {"p": ParagraphEntry, "list": ListEntry, "steps": StepsEntry, "figure": FigureEntry, "table": TableEntry}


def _block_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        present = [kind for kind in BLOCK_KINDS if kind in value]
        return present[0] if len(present) == 1 else None
    return getattr(value, "kind", None)


if TYPE_CHECKING:  # the union below, spelt out for the type checker
    Block = ParagraphEntry | ListEntry | StepsEntry | FigureEntry | TableEntry
else:
    Block = Annotated[
        Union[tuple(Annotated[model, Tag(kind)] for kind, model in BLOCK_KINDS.items())],  # noqa: UP007 - computed
        Discriminator(
            _block_kind,
            custom_error_type="block_kind",
            custom_error_message="a block needs exactly one of the keys: " + ", ".join(BLOCK_KINDS),
        ),
    ]


class SectionEntry(Model):
    id: Id
    title: Text
    clinician_title: Text | None = None
    part: Text | None = None  # starts a new part of the deck: a divider slide and an agenda entry
    callout: bool = False
    brochure: bool = True  # false: the whole section stays out of the brochure
    needs_review: Text | None = None
    patient: tuple[Block, ...] = ()  # leaflet wording; empty = not in the leaflet
    clinician: tuple[Block, ...] = ()  # deck wording; empty = not in the deck


class TreatmentText(Model):
    what: Text
    course: Text
    indications: Texts
    contraindications: Texts
    evidence: Text | None = None


class TreatmentEntry(Model):
    id: Id
    name: Text
    needs_review: Text | None = None
    patient: TreatmentText
    clinician: TreatmentText


class ImageText(Model):
    id: Id
    alt: Text
    caption: Text


def _pairs(key_field: str, value_field: str):
    """A ``{key: text}`` mapping as authors write it -> a tuple of ``{key_field, value_field}``
    mappings, each keeping the positions of its key and its text."""

    def convert(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        pos: Positions = value.get(POSITIONS_KEY, NOWHERE)
        return tuple(
            {
                key_field: key,
                value_field: text,
                POSITIONS_KEY: Positions(
                    pos.keys.get(key, pos.at),
                    {key_field: pos.keys.get(key, pos.at)},
                    {key_field: pos.keys.get(key, pos.at), value_field: pos.values.get(key, pos.at)},
                    {},
                ),
            }
            for key, text in value.items()
            if key != POSITIONS_KEY
        )

    return convert


class GroupLabel(Model):
    id: Id
    label: Text


class GlossaryEntry(Model):
    term: Text
    explanation: Text


class LanguageFile(Model):
    """``content/<condition>/<lang>.yaml``: every text of one condition in one language."""

    language: LanguageCode
    # The whole text waits for a check (a translation not yet read by a qualified translator): DRAFT until removed.
    needs_review: Text | None = None
    title: Text
    subtitle: Text
    summary: Text
    disclaimer: Text
    feedback: Text
    treatment_groups: Annotated[
        tuple[GroupLabel, ...],
        BeforeValidator(_pairs("id", "label"), json_schema_input_type=dict[Id, Text]),
    ]
    if TYPE_CHECKING:  # what Keyed(...) makes, for the type checker
        images: tuple[ImageText, ...] = ()
    else:
        images: Keyed(ImageText, dict[Id, ImageTextInput]) = ()
    # Medical words and their plain explanation, printed on the leaflet under "Ord og uttrykk".
    glossary: Annotated[
        tuple[GlossaryEntry, ...],
        BeforeValidator(_pairs("term", "explanation"), json_schema_input_type=dict[Text, Text]),
    ] = ()
    # This condition's medical words that patient text must explain (glossary or brackets); the
    # labels' medical_terms hold the general ones.
    medical_terms: tuple[Text, ...] = ()
    sections: Annotated[tuple[SectionEntry, ...], Field(min_length=1)]
    treatments: Annotated[tuple[TreatmentEntry, ...], Field(min_length=1)]


class ImageTextInput(BaseModel):
    """How authors write one image's texts (the id is the key above it)."""

    model_config = ConfigDict(extra="forbid")
    alt: Text
    caption: Text


# --- content/clinics/<id>.yaml ------------------------------------------------------------------


class Colours(Model):
    primary: Colour = "#1F4E79"
    accent: Colour = "#B3541E"
    text: Colour = "#1A1A1A"
    callout_background: Colour = "#FFF4D6"


ScriptCode = Annotated[str, Field(pattern=r"^[A-Z][a-z]{3}$")]  # ISO 15924: Latn, Cyrl, Arab, Ethi


class ScriptFonts(Model):
    script: ScriptCode
    families: tuple[Text, ...]


class ClinicFile(Model):
    """A clinic's details and branding, printed on the leaflet and the deck."""

    id: Id
    name: Text
    logo: Text | None = None
    phone: Text | None = None
    address: Text | None = None
    email: Text | None = None
    # The address printed and in the QR code. May hold {condition} and {lang}, so that every
    # condition and language gets its own page: "https://example.org/{lang}/{condition}".
    web: Text | None = None
    colours: Colours = Field(default_factory=Colours)
    # The clinic's house fonts per script (ISO 15924 code: family ids of generator/assets/fonts/fonts.toml,
    # first first), e.g. Latn: [ibm-plex-sans-arabic, fira-sans]. A language's own fonts: come first.
    fonts: Annotated[
        tuple[ScriptFonts, ...],
        BeforeValidator(_pairs("script", "families"), json_schema_input_type=dict[ScriptCode, tuple[Text, ...]]),
    ] = ()

    def fonts_for(self, script: str) -> tuple[str, ...]:
        """The house fonts for ``script``, or () where the clinic names none."""
        return next((f.families for f in self.fonts if f.script == script), ())


# --- content/labels/<lang>.yaml -----------------------------------------------------------------


class Labels(Model):
    """Fixed words of the outputs in one language (table headers, page numbers, trust block)."""

    language: LanguageCode
    language_tag: Text  # BCP 47 tag written into PDF/PPTX, e.g. nb-NO
    # ISO 15924 code of the script (Latn, Cyrl, Arab, Ethi): which fonts draw the text and which way it runs.
    # Left out, it is the script `language_name` is written in.
    script: ScriptCode | None = None
    # The fonts that draw this language (family ids of generator/assets/fonts/fonts.toml, first first), where
    # its script's usual ones do not suit it. Left out: the clinic's for the script, else fonts.toml's.
    fonts: tuple[Text, ...] = ()
    draft: Text
    needs_review: Text
    treatment: Text
    indications_patient: Text
    contraindications_patient: Text
    indications_clinician: Text
    contraindications_clinician: Text
    indications_short: Text  # compact brochure entries
    contraindications_short: Text
    course: Text
    evidence: Text
    page_of: Text  # "side {page} av {pages}"
    continued: Text
    contents: Text
    about_this_leaflet: Text
    authors: Text  # "Skrevet av": people with role author
    edited_by: Text
    translated_by: Text
    illustrated_by: Text
    clinical_reviewer: Text
    not_reviewed: Text
    organisation: Text
    version: Text
    published: Text
    last_reviewed: Text
    next_review: Text
    sources: Text
    contact: Text
    phone: Text
    web: Text
    figure_credit: Text
    review_notes: Text  # heading of the review notes in the speaker notes
    icd10: Text
    leaflet_subject: Text
    deck_subject: Text
    references: Text  # the deck's last slide(s)
    comparison: Text  # title of the deck's comparison overview
    comparison_details: Text  # title of the detailed table in the deck's appendix
    appendix: Text  # divider before the deck's appendix
    step: Text  # overview column: the treatment's step in the pathway
    outside_pathway: Text  # overview: a treatment with no step
    key_indication: Text  # overview column: the first indication
    key_contraindication: Text  # overview column: the first contraindication
    pathway: Text  # title of the slide drawing a 'steps' block
    speaker_sources: Text  # "Sources:" in speaker notes
    glossary: Text  # heading of the leaflet's word list
    language_name: Text  # the language in its own words, for links between versions
    skip_to_content: Text  # the web page's first link, for keyboard and screen readers
    about_this_page: Text  # the web page's trust block
    other_languages: Text  # the web page's links to its other language versions
    all_topics: Text  # the web page's link to the site's list of conditions
    draft_notice: Text  # the web page's DRAFT banner: not approved for patients yet
    # In the trust block when the source text changed after this translation was made; {language}: the
    # source language's name (its language_name).
    translation_behind: Text
    # Clinical sign-off (issue 25): the trust block's line when the text changed after its clinical approval
    # ({date}: that approval's), and the label of the date of the last clinical change.
    changed_since_approval: Text
    last_clinical_change: Text
    # The deck's first slide after the title with --changes-since: its title ({version}: the approval's), and
    # the word before a text that was taken out.
    whats_new: Text
    no_longer: Text
    medical_terms: tuple[Text, ...] = ()  # words the readability check wants explained for patients
    # What the language writes on the front of a word (Arabic: ال, و, ب...), so a medical term is found with it.
    attached_prefixes: tuple[Text, ...] = ()


LanguageFile.model_rebuild()
