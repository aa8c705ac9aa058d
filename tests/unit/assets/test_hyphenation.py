"""Where words may break (generator/assets/hyphenation.py): pyphen's dictionaries by language tag, a
word's own hyphen kept on the first line, no dictionary an answer, not an error."""

from __future__ import annotations

from generator.assets.hyphenation import dictionary_name, hyphenator


def test_tags_find_their_dictionaries():
    assert dictionary_name("nb-NO") == "nb_NO" and dictionary_name("en-US") == "en_US"
    assert dictionary_name("se-NO") is None
    assert hyphenator("se-NO") is None


def test_a_word_breaks_at_its_own_hyphen_never_before_one():
    pairs = list(hyphenator("en-US")("Blood-thinning"))
    assert ("Blood-", "thinning") in pairs and not [tail for _, tail in pairs if tail.startswith("-")]


def test_norwegian_compounds_have_break_points_and_every_pair_spells_the_word():
    pairs = list(hyphenator("nb-NO")("betennelsesdempende"))
    assert pairs and all(head + tail == "betennelsesdempende" for head, tail in pairs)
