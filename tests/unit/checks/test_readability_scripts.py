"""Readability across scripts (generator/checks/readability.py): sentence ends, formulas, attached prefixes."""

from __future__ import annotations

from generator.checks.readability import Formula, formula, measure, sentences


def test_sentences_end_at_every_scripts_full_stop_and_question_mark():
    """Each of these is three sentences: the reader's pause is where the script puts it."""
    assert len(sentences("Біль під п'ятою. Відпочивайте. Чи болить уночі?")) == 3  # Cyrillic capitals
    assert len(sentences("آپ کو درد ہوتا ہے۔ آرام کریں۔ کیا رات کو درد ہے؟")) == 3  # Urdu ۔ and ؟
    assert len(sentences("تشعر بألم. أرح قدمك؟ امشِ قليلًا.")) == 3  # Arabic: no capitals at all
    assert len(sentences("ቃንዛ ይስምዓኩም።እግርኹም ኣዕርፉ። መዓስ ይጥቀሙሉ፧")) == 3  # Ethiopic ። needs no space


def test_an_abbreviation_going_on_in_lower_case_is_not_a_sentence_end():
    assert sentences("Bruk f.eks. is på hælen. Gå litt.") == ["Bruk f.eks. is på hælen.", "Gå litt."]


def test_a_word_keeps_its_arabic_vowel_signs():
    """كَتَبَ with its three fathas is one word of three letters, not four pieces."""
    assert measure("كَتَبَ الولد.", "ar").words == 2


def test_readability_formulas_only_where_they_are_defined():

    assert formula("en-GB") is Formula.FLESCH and formula("nb-NO") is Formula.LIX and formula("nn") is Formula.LIX
    assert formula("ar") is None and formula("ti-ER") is None and formula("uk-UA") is None


def test_a_medical_term_is_found_behind_the_prefixes_its_language_attaches():
    """Arabic writes "the" (ال) and "and" (و) on the word: اللفافة is the term لفافة."""
    from generator.checks.readability import _check_terms
    from generator.diagnostics import Diagnostics, Location

    found = Diagnostics()
    _check_terms("تلتهب اللفافة تحت القدم.", Location("ar.yaml", 3), ("لفافة",), {}, found, ("وال", "ال", "و"))
    assert [d.message for d in found.items] == ["the medical term 'لفافة' has no plain explanation"]
    unseen = Diagnostics()
    _check_terms("تلتهب اللفافة تحت القدم.", Location("ar.yaml", 3), ("لفافة",), {}, unseen)
    assert not unseen.items
