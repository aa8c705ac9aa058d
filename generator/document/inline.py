"""Inline emphasis in content text: ``**bold**`` and ``*italic*``, nothing else.

Parsed by markdown-it-py with every rule off except emphasis and backslash escapes, so ``<``, ``&``
and other markup characters stay plain text; renderers escape them for their own format.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from generator.document.model import Inline, Span


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("zero").enable(["emphasis", "escape"])


@lru_cache(maxsize=4096)
def parse_inline(text: str) -> Inline:
    """Split ``text`` into spans with bold/italic flags; unmatched ``*`` stays literal."""
    tokens = _parser().parseInline(text)
    spans: list[Span] = []
    bold = italic = 0
    for token in tokens[0].children or ():
        if token.type == "strong_open":
            bold += 1
        elif token.type == "strong_close":
            bold -= 1
        elif token.type == "em_open":
            italic += 1
        elif token.type == "em_close":
            italic -= 1
        elif token.type in ("text", "text_special") and token.content:
            span = Span(token.content, bold > 0, italic > 0)
            if spans and (spans[-1].bold, spans[-1].italic) == (span.bold, span.italic):
                spans[-1] = Span(spans[-1].text + span.text, span.bold, span.italic)
            else:
                spans.append(span)
        elif token.type in ("softbreak", "hardbreak"):
            spans.append(Span(" "))
    return tuple(spans)


def plain(inline: Inline) -> str:
    return "".join(span.text for span in inline)
