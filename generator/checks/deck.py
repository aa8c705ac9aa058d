"""The finished deck read back as PowerPoint's accessibility checker reads it: every slide titled,
titles unique, pictures with alt text, tables with a header row, all text in the content language."""

from __future__ import annotations

from generator.diagnostics import Diagnostics, Location
from generator.render.pptx.readback import accessibility_problems


def check_deck_accessibility(data: bytes, language_tag: str, where: Location, diagnostics: Diagnostics) -> None:
    """What PowerPoint's accessibility checker looks at, read from the deck's bytes; problems at ``where``
    (the language file the deck is drawn from)."""

    for message, hint in accessibility_problems(data, language_tag):
        diagnostics.error(where, message, hint)
