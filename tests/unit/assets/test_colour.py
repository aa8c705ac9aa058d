"""Colour maths as WCAG 2.1 defines it (generator/assets/colour.py), checked against the standard's
own figures, and the grey of a colour on an office printer."""

from __future__ import annotations

import pytest

from generator.assets.colour import greyscale, luminance, ratio


def test_black_and_white_are_the_ends_of_the_scale():
    assert luminance("#000000") == 0 and luminance("#FFFFFF") == pytest.approx(1)
    assert ratio("#000000", "#FFFFFF") == pytest.approx(21) and ratio("#FFFFFF", "#000000") == pytest.approx(21)
    assert ratio("#777777", "#777777") == pytest.approx(1)


def test_known_pairs_from_wcag_examples():
    assert ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest grey passing AA
    assert ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # just failing


def test_greyscale_uses_bt601_luma():
    assert greyscale("#FF0000") == "#4C4C4C" and greyscale("#00FF00") == "#969696" and greyscale("#0000FF") == "#1D1D1D"
    assert greyscale("#FFFFFF") == "#FFFFFF"
