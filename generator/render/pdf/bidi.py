"""The Unicode bidi algorithm (UAX #9) for the PDFs' lines, from python-bidi: every use of that library
in one place, pinned by ``tests/unit/render/pdf/test_bidi.py``.

A right-to-left line is drawn run by run: the algorithm gives each character its embedding level (odd:
right to left; even: left to right, such as digits and Latin words inside an Arabic sentence); runs of one
level and one style are then put in visual order by rule L2 and shaped each in its own direction.
python-bidi's Rust core returns only the reordered string; its reference implementation in Python
(``bidi.algorithm``) exposes the levels, step by step.
"""

from __future__ import annotations

from bidi import algorithm as _uba


def levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of ``text`` (one line of one paragraph) in a
    paragraph of base direction right to left (``rtl``) or left to right (rules P3 to I2)."""
    storage = _uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    _uba.get_embedding_levels(text, storage)
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    found = [char["level"] for char in storage["chars"]]
    # L1: white space at the end of the line takes the paragraph's level.
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        found[end] = storage["base_level"]
    return found


def visual_order(run_levels: list[int]) -> list[int]:
    """Rule L2: the indices of runs (in logical order, with these levels) in the order they are drawn
    from left to right: from the highest level down to the lowest odd one, every stretch at that level
    or higher is reversed."""
    order = list(range(len(run_levels)))
    if not order:
        return order
    lowest_odd = min((level for level in run_levels if level % 2), default=None)
    if lowest_odd is None:
        return order
    for level in range(max(run_levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if run_levels[order[i]] >= level:
                j = i
                while j < len(order) and run_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
