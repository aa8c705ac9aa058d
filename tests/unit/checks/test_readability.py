"""Readability figures (generator/checks/readability.py) for texts with known counts."""

from __future__ import annotations

from generator.checks.readability import measure


def test_lix_of_a_known_text():
    stats = measure("Dette er en kort setning. Her er enda en.", "nb-NO")
    assert (stats.words, stats.sentences, stats.long_words) == (9, 2, 1)
    assert round(stats.lix, 1) == round(9 / 2 + 100 / 9, 1)


def test_flesch_figures_of_a_text_counted_by_hand():
    """9 words, 2 sentences, 10 syllables (hap-py has two, every other word one): Flesch Reading Ease
    206.835 - 1.015 * 9/2 - 84.6 * 10/9 = 108.3, Flesch-Kincaid grade 0.39 * 9/2 + 11.8 * 10/9 - 15.59 = -0.7."""
    stats = measure("The cat sat on the mat. It was happy.", "en-US")
    assert (stats.words, stats.sentences, stats.syllables) == (9, 2, 10)
    assert round(stats.flesch, 1) == 108.3 and round(stats.grade, 1) == -0.7


def test_long_words_for_lix_are_those_of_more_than_six_letters():
    stats = measure("Seks bokstaver: hælene. Sju: hælspor! Åtte: fotsåler?", "nb-NO")
    assert (stats.words, stats.sentences, stats.long_words) == (7, 3, 3)  # bokstaver, hælspor, fotsåler; not hælene
