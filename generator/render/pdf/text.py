"""Document inline text -> reportlab paragraph markup, escaped once here for every PDF renderer.

Every content character that reportlab's paragraph parser would read as markup is escaped:
``&``, ``<`` and ``>`` in text (:func:`escape`), and ``"`` and ``'`` too in an attribute value
(:func:`attribute`: a link's ``href``), where a quote would end it.
"""

from __future__ import annotations

import html
import re

from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.document.model import Inline

NBSP = "\u00a0"


def escape(text: str) -> str:
    """``text`` as reportlab paragraph text that prints exactly ``text``."""
    # html's escape, not xml.sax.saxutils' (the same three characters): that one imports urllib and http.client.
    return html.escape(text, quote=False)


def attribute(text: str) -> str:
    """``text`` as the value of a double- or single-quoted attribute in reportlab markup."""
    return escape(text).replace('"', "&quot;").replace("'", "&apos;")


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


def label(text: str) -> str:
    """A short label such as "Ikke ved:" that must not be split over two lines."""
    return escape(text).replace(" ", NBSP)


def phone(text: str) -> str:
    """A phone number that never breaks across lines."""
    return escape(text).replace(" ", NBSP)


# An address may break only before one of these: never inside a word, never with an added hyphen.
# Before a dot, slash or @ first; before a hyphen only where a part is still too wide.
_ADDRESS_BREAKS = (re.compile(r"(?=[./@])"), re.compile(r"(?=-)"))


def address_lines(address: str, font_name: str, size: float, width: float) -> list[str] | None:
    """``address`` (an e-mail or a web address without scheme) cut into lines no wider than
    ``width``, breaking only before ``.``, ``/``, ``@`` or (if still needed) ``-``, so every piece
    stays a whole word and no hyphen is ever added; None when one piece alone is wider than
    ``width``."""

    def fits(text: str) -> bool:
        return stringWidth(text, font_name, size) <= width

    pieces: list[str] = []
    for piece in (p for p in _ADDRESS_BREAKS[0].split(address) if p):
        pieces += [piece] if fits(piece) else [p for p in _ADDRESS_BREAKS[1].split(piece) if p]
    lines: list[str] = []
    for piece in pieces:
        if not fits(piece):
            return None
        if lines and fits(lines[-1] + piece):
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines
