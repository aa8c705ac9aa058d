"""What leafdeck notes on a reportlab flowable beyond what reportlab knows, in one typed record.

Platypus builds, splits and wraps the flowables itself, so the facts leafdeck needs later — the
content line an overflow message names, the section a column break respects, the structure role,
alternative text or link a tagged PDF needs — travel on the flowable as one :class:`Memo`
(attribute ``leafdeck``), never as loose attributes. ``attach(f)`` gives the flowable's memo to
write in (attaching one on first use); ``of(f)`` reads it and never attaches anything.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.diagnostics import Location

ATTRIBUTE = "leafdeck"


@dataclass
class Memo:
    source: Location | None = None  # the content line it was made from
    section: str | None = None  # the title of the section it belongs to
    role: str | None = None  # its structure role when not read from its style (H1, H3, Caption, Link)
    alt: str | None = None  # a picture's alternative text
    href: str | None = None  # a link's target
    rows: tuple | None = None  # a comparison table's rows (row heights checked, cells tagged)
    mirrored: bool = False  # a table drawn right to left: its first column is the rightmost
    list_key: object | None = None  # the list a bullet paragraph belongs to
    steps: object | None = None  # a pathway's list in the structure tree
    structure: tuple | None = None  # its place in the tagged PDF's tree (None on a tagged class: an artifact)


def attach(flowable) -> Memo:
    """The flowable's memo, to write in; attached on first use."""
    found = getattr(flowable, ATTRIBUTE, None)
    if found is None:
        found = Memo()
        setattr(flowable, ATTRIBUTE, found)
    return found


def of(flowable) -> Memo:
    """The flowable's memo, or an empty one, to read: nothing is attached."""
    return getattr(flowable, ATTRIBUTE, None) or Memo()


def inherit(head, piece, *fields: str) -> None:
    """A split piece keeps ``fields`` of the flowable it came from, where it has none of its own."""
    source = of(head)
    own = attach(piece)
    for name in fields:
        if getattr(own, name) is None and getattr(source, name) is not None:
            setattr(own, name, getattr(source, name))


def copy_of(flowable) -> Memo:
    return dataclasses.replace(of(flowable))
