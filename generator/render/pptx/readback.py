"""The finished deck read back: as PowerPoint's accessibility checker reads it (a title on every
slide, unique titles, alternative text on every picture, a header row on every table, and the
language on every run of text), and as an outline of its slides' text."""

from __future__ import annotations

import io
from pathlib import Path

FOOTER = "Footer"  # the name of leafdeck's own footer shape: the same on every slide


def outline(data: bytes) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each slide's title and its other lines of text (tables row by row), the footer left out."""
    from pptx import Presentation  # noqa: PLC0415 - heavy: python-pptx, only when a deck is read back

    slides = []
    for slide in Presentation(io.BytesIO(data)).slides:
        title = slide.shapes.title
        lines: list[str] = []
        for shape in slide.shapes:
            if shape is title or shape.name == FOOTER:
                continue
            if shape.has_text_frame:
                lines += [p.text for p in shape.text_frame.paragraphs if p.text.strip()]
            elif shape.has_table:
                lines += [" | ".join(c.text for c in row.cells) for row in shape.table.rows]
        slides.append((title.text_frame.text if title is not None else "", tuple(lines)))
    return tuple(slides)


def accessibility_problems(data: bytes, lang: str) -> list[tuple[str, str]]:
    """(message, hint) for everything the checker would flag in the deck ``data``."""
    from pptx import Presentation  # noqa: PLC0415 - heavy: python-pptx, only when a deck is read back
    from pptx.enum.shapes import MSO_SHAPE_TYPE  # noqa: PLC0415 - heavy: python-pptx, only when a deck is read back

    from generator.render.pptx.xml import alt_text, run_language  # noqa: PLC0415 - heavy: python-pptx, only when a deck is read back

    problems: list[tuple[str, str]] = []
    deck = Presentation(io.BytesIO(data))
    titles: dict[str, int] = {}
    for number, slide in enumerate(deck.slides, start=1):
        title = slide.shapes.title
        text = title.text_frame.text.strip() if title is not None else ""
        if not text:
            problems.append((f"deck slide {number} has no title", "every slide needs a title"))
        elif text in titles:
            problems.append(
                (f"deck slides {titles[text]} and {number} have the same title '{text}'", "make the titles unique")
            )
        titles.setdefault(text, number)
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                alt = alt_text(shape)
                if not alt.strip() or Path(alt).suffix.lower() in (".png", ".jpg", ".jpeg"):
                    problems.append((f"deck slide {number}: a picture has no alt text", "describe it under images:"))
            if shape.has_table and not shape.table.first_row:
                problems.append((f"deck slide {number}: a table has no header row", "a bug: please report it"))
            frames = [shape.text_frame] if shape.has_text_frame else []
            for frame in frames:
                for run in (r for p in frame.paragraphs for r in p.runs):
                    if run_language(run) != lang:
                        problems.append(
                            (f"deck slide {number}: text without the language {lang}", "a bug: please report it")
                        )
                        break
    return problems
