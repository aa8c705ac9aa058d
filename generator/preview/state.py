"""What the preview shows, as data the builder writes and the web app reads (under the engine's lock):
for each condition x language x clinic a tab looks at (a :class:`Selection`), a :class:`Preview`
with one :class:`Shown` per product."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from generator.diagnostics import Diagnostic, Location
from generator.kinds import Product, Variant


@dataclass(frozen=True, order=True)
class Selection:
    clinic: str
    condition: str
    language: str

    @property
    def key(self) -> str:
        return f"{self.clinic}/{self.condition}/{self.language}"


class Drawn(NamedTuple):
    """What a product's pictures show: the Document as a reader sees it (:func:`appearance`), the
    output's variant, and the count of non-YAML changes (pictures, templates) seen so far."""

    appearance: object
    variant: Variant
    assets: int


@dataclass
class Shown:
    """One product of one selection as the browser shows it."""

    product: Product
    pictures: tuple[str, ...] = ()  # JPEG digests, one per page or slide
    changed: tuple[bool, ...] = ()  # which of them differ from the picture before
    stale: bool = False  # the content changed but could not be drawn: "out of date"
    busy: bool = False  # being drawn
    note: str = ""  # why there is no (current) picture
    outline: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the slides' text, where they cannot be drawn
    files: dict[str, bytes] = field(default_factory=dict)  # the web page and the files beside it
    drawn_from: Drawn | None = None  # what the pictures show
    awaited: Drawn | None = None  # what the slides being converted will show (None: nothing awaited)
    drawn_note: str = ""  # the note that belongs to the pictures (why an outline)


class Status(StrEnum):
    BUILDING = "building"
    OK = "ok"
    ERRORS = "errors"


@dataclass
class Preview:
    selection: Selection
    shown: dict[Product, Shown]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    readability: dict = field(default_factory=dict)
    status: Status = Status.BUILDING
    seconds: float = 0.0


def appearance(value: object) -> object:
    """``value`` (a Document) with every source position left out: what the reader sees."""
    if isinstance(value, Location):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(appearance(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, Mapping):
        return tuple((appearance(k), appearance(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(appearance(v) for v in value)
    return value
