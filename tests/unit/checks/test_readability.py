"""Readability figures (generator/checks/readability.py) for texts with known counts."""

from __future__ import annotations

from generator.checks.readability import measure


def test_lix_of_a_known_text():
    stats = measure("Dette er en kort setning. Her er enda en.", "nb-NO")
    assert (stats.words, stats.sentences, stats.long_words) == (9, 2, 1)
    assert round(stats.lix, 1) == round(9 / 2 + 100 / 9, 1)
