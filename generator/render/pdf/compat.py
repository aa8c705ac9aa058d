"""Every use of reportlab beyond its documented API, in one place, each pinned by a test
(``tests/test_compat.py``) so a reportlab upgrade that changes one fails there first, by name.

The renderers import what they need from here instead of reaching into reportlab themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.platypus.doctemplate import LayoutError

from generator.render.errors import LayoutProblem


@contextmanager
def too_large_is_a_problem() -> Iterator[None]:
    """reportlab's own LayoutError (one flowable taller than any frame) as a LayoutProblem staff can act on."""
    try:
        yield
    except LayoutError as exc:
        raise LayoutProblem("a block is too large for a page", None,
                            "shorten very long words, lists or table cells") from exc
