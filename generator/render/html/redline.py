"""The reviewer's redline as a web page (issue 25): one section per change, inserted words underlined and
green, deleted ones struck through and red (readable in black and white), each with its file and line."""

from __future__ import annotations

import base64
from pathlib import Path

from generator.assets.images import prepared
from generator.document.model import Document
from generator.render.html.environment import render_template
from generator.signoff.redline import Change, Redline


def render_redline_html(redline: Redline, doc: Document) -> bytes:
    """``doc``: the language's patient document, for its language tag and direction."""
    changes = [_shown(change, redline.pictures.get(change.context)) for change in redline.changes]
    html = render_template(
        "redline.html",
        None,
        doc.clinic.id,
        heading=f"{doc.title} ({redline.language}): what changed",
        summary=redline.summary,
        against=f"Compared with {redline.against}",
        changes=changes,
        language_tag=doc.language_tag,
        direction=doc.direction.value,
    )
    return html.encode("utf-8")


def _shown(change: Change, pictures: tuple[Path | None, Path | None] | None) -> dict:
    return {
        "pictures": [_data_uri(path) for path in pictures] if pictures else [],
        "clinical": change.clinical,
        "context": change.context,
        "where_text": str(change.where) if change.where else "removed",
        "pieces": change.pieces,
    }


def _data_uri(path: Path | None) -> str | None:
    """The picture inside the page (a reviewer may get the file by e-mail), at most 480 pixels wide."""
    if path is None:
        return None
    picture = prepared(path, 480)
    kind = "jpeg" if picture.format == "JPEG" else "png"
    return f"data:image/{kind};base64,{base64.b64encode(picture.data).decode('ascii')}"
