"""Document inline text -> reportlab paragraph markup, escaped once here for every PDF renderer."""

from __future__ import annotations

from xml.sax.saxutils import escape

from generator.document.model import Inline

NBSP = "\u00a0"


def markup(inline: Inline) -> str:
    """reportlab mini-HTML for spans; content characters are always escaped, never interpreted."""
    out = []
    for span in inline:
        text = escape(span.text)
        if span.bold:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def plain_markup(text: str) -> str:
    return escape(text)


def phone(text: str) -> str:
    """A phone number that never breaks across lines."""
    return escape(text).replace(" ", NBSP)
