"""The Unicode bidi algorithm (UAX #9) for the PDFs' lines, from python-bidi: every use of that library
in one place, pinned by ``tests/unit/render/pdf/test_bidi.py``.

A right-to-left line is drawn run by run: the algorithm gives each character its embedding level (odd:
right to left; even: left to right, such as digits and Latin words inside an Arabic sentence); runs of one
level and one style are then put in visual order by rule L2 and shaped each in its own direction.
python-bidi's Rust core returns only the reordered string; its reference implementation in Python
(``bidi.algorithm``) exposes the levels, step by step.
"""

from __future__ import annotations

import re
import unicodedata

from bidi import algorithm as _uba

_PAIRS = {"(": ")", "[": "]", "{": "}"}
_PHONE = re.compile(r"\+?\d+(?:\s\d+)+|\+\d+")  # \s: a no-break space too (phones never break)


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
    if rtl:
        for start, end in left_to_right_stretches(text):
            found[start:end] = [2] * (end - start)
    # L1: white space at the end of the line takes the paragraph's level.
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        found[end] = storage["base_level"]
    return found


def left_to_right_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of a right-to-left paragraph that is laid out left to right as one piece,
    as if isolated (UAX #9 LRI..PDI): words with a Latin letter and no right-to-left one (a name, an address,
    "leafdeck (utkast, maskinstøttet)") and phone numbers ("+47 00 11 22 33"), trimmed of the stops and colons
    at their ends, keeping a bracket pair around them. A paragraph without a right-to-left word is one
    such stretch with its stops (its base direction by its first strong letter, UAX #9 rules P2 and P3).

    The reference implementation has neither bracket pairs (rule N0) nor isolates, so without this a
    closing bracket after a Latin word went to the line's far end, and a phone number's groups were drawn in
    reverse order (each a number of its own between neutral spaces). A range ("2–3") keeps the algorithm's
    order: read from the right, as Arabic reads a range."""
    stretches = []
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text[slice(*words[j])]):
            j += 1
        if j == i:
            i += 1
            continue
        start, end = words[i][0], words[j - 1][1]
        stretch = text[start:end]
        if any(unicodedata.bidirectional(c) == "L" for c in stretch) or _PHONE.fullmatch(stretch.strip(".,:;")):
            first, last = start, end
            if i == 0 and j == len(words):  # no right-to-left word at all (a Latin reference): all of it, stops too
                stretches.append((first, last))
                break
            while first < last and not _keeps(text, first, last, first):
                first += 1
            while last > first and not _keeps(text, first, last, last - 1):
                last -= 1
            while first > start and last < end and _PAIRS.get(text[first - 1]) == text[last]:
                first, last = first - 1, last + 1
            stretches.append((first, last))
        i = j
    return stretches


def _keeps(text: str, first: int, last: int, at: int) -> bool:
    """Whether the character at an end of ``text[first:last]`` stays in its stretch: a letter, a digit, a
    leading plus, or a bracket whose partner is inside."""
    char = text[at]
    if unicodedata.bidirectional(char) in ("L", "EN", "AN") or (char == "+" and at == first):
        return True
    if char in _PAIRS:
        return _PAIRS[char] in text[at + 1 : last]
    opening = next((o for o, c in _PAIRS.items() if c == char), None)
    return opening is not None and opening in text[first:at]


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
