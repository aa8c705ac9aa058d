"""Readability figures (generator/checks/readability.py) for texts with known counts."""

from __future__ import annotations

from generator.checks.readability import Formula, formula, measure, sentences


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


# Whole-document checks: a Document of the small content with its patient text replaced. Every
# expected figure below is counted by hand from the fixture text (the arithmetic is in the comments).

# 31 words each, every word of at most three letters (one syllable each, by hand and by the rule that
# a word of three letters or fewer is one syllable).
_S1 = (
    "The old man and his dog sat by the red box in the sun "
    "as the cat ran up and off to the big hay pen to get a fat rat."
)
_S2 = (
    "A boy and his mum got on the bus at ten and sat up top to see the sea "
    "and the big red cow in the hay by an old oak."
)
_S3 = "We set off at six and ran up to see the sun and the sky and we sat on a log to eat an egg and a bun by the oak."
_SOURCE = "text.yaml"


def _document(project, language_tag: str, summary: str, sections=()):
    """The small content's leaflet Document with ``language_tag`` and its patient text replaced:
    ``summary``, then ``sections`` as (title, [paragraph, ...]). The document stands at text.yaml
    line 1, section i's paragraph j at line 10 * i + j."""
    import dataclasses
    import datetime as dt

    from generator.diagnostics import Diagnostics, Location
    from generator.document.model import Paragraph, Section, Span
    from generator.pipeline.plan import plan
    from generator.pipeline.targets import Options
    from support.content import TODAY

    options = Options(
        content_dir=project / "content", languages=("nb",), products=("leaflet",), today=dt.date.fromisoformat(TODAY)
    )
    planned, _ = plan(options, Diagnostics())
    blocks = [
        Section(
            id=f"s{i}",
            title=title,
            blocks=tuple(Paragraph((Span(text),), Location(_SOURCE, 10 * i + j)) for j, text in enumerate(texts)),
            source=Location(_SOURCE, 10 * i),
        )
        for i, (title, texts) in enumerate(sections, start=1)
    ]
    return dataclasses.replace(
        planned[0].document,
        language_tag=language_tag,
        summary=(Span(summary),),
        sections=tuple(blocks),
        source=Location(_SOURCE, 1),
    )


def _check(doc, terms=(), prefixes=()):
    from generator.checks.readability import check_readability
    from generator.diagnostics import Diagnostics

    diagnostics = Diagnostics()
    figures = check_readability(doc, terms, {}, diagnostics, prefixes)
    return figures, diagnostics


def test_english_text_of_long_sentences_is_warned_per_section_and_as_a_whole(project):
    """English is judged by Flesch and grade, per section and for the whole text, and the summary
    counts only in the whole text. Each sentence has 31 one-syllable words: Flesch 206.835 - 1.015 *
    31 - 84.6 * 1 = 90.77 (fine), grade 0.39 * 31 + 11.8 * 1 - 15.59 = 8.30 (above 8: a warning).
    Without the warning an editor never learns the English leaflet is too hard.
    (Kills check_readability 3 `english = None`, 65 `or` -> `and`, 60/61 'the whole text', 68-75 the
    warning's place, message and hint, 94-104 the returned figures; Stats.add 1, 7, 8, which lose the
    sums of words or syllables; patient_texts 1, which makes the summary a section.)"""
    from generator.checks.readability import measure

    doc = _document(project, "en-GB", f"{_S1} {_S2}", [("Rest", [_S3])])
    assert [(s.words, s.sentences, s.syllables) for s in (measure(x, "en-GB") for x in (_S1, _S2, _S3))] == [
        (31, 1, 31)
    ] * 3
    figures, diagnostics = _check(doc)
    assert figures == {"flesch": 90.8, "grade": 8.3}
    readability = [d for d in diagnostics.warnings if d.message.startswith("readability")]
    assert [(str(d.location), d.message, d.hint) for d in readability] == [
        (
            "text.yaml:10",
            "readability of 'Rest': Flesch 91 (at least 60), grade 8.3 (at most 8)",
            "use shorter sentences and shorter, everyday words",
        ),
        (
            "text.yaml:1",
            "readability of 'the whole text': Flesch 91 (at least 60), grade 8.3 (at most 8)",
            "use shorter sentences and shorter, everyday words",
        ),
    ]


# 12 words, 7 of two syllables (happy, baby, little, puppy, sunny, garden, window), 5 of one: 19.
_A = "Happy baby and a little puppy sat by the sunny garden window."
# 12 words, 8 of two syllables (yellow too), 4 of one: 20.
_B = "Happy baby and little puppy sat by the sunny yellow garden window."


def test_english_flesch_of_exactly_60_is_no_warning(project):
    """A Flesch of "at least 60" lets 60 pass. Nine sentences _A and one _B: 120 words, 10 sentences,
    9 * 19 + 20 = 191 syllables: Flesch 206.835 - 1.015 * 12 - 84.6 * 191/120 = 206.835 - 12.18 -
    134.655 = 60.0 exactly (also in floating point), grade 0.39 * 12 + 11.8 * 191/120 - 15.59 = 7.87.
    (Kills check_readability 66, `<` -> `<=`.)"""
    figures, diagnostics = _check(_document(project, "en-GB", " ".join([_A] * 9 + [_B])))
    assert figures == {"flesch": 60.0, "grade": 7.9}
    assert not diagnostics.items


# 23 words, 6 of two syllables, 17 of at most three letters: 29 syllables.
_C = "The happy baby and the little puppy sat by the sunny garden and the cat and the dog ran to see the fox."
# 22 words, 5 of two syllables, 17 of at most three letters: 27 syllables.
_D = "The happy baby and a little puppy sat in the sunny pen as the cat and the dog ran to the fox."


def test_english_grade_of_exactly_8_is_no_warning(project):
    """A grade of "at most 8" lets 8 pass. Six sentences _C and three _D: 204 words, 9 sentences,
    6 * 29 + 3 * 27 = 255 syllables: grade 0.39 * 204/9 + 11.8 * 255/204 - 15.59 = 8.84 + 14.75 -
    15.59 = 8.0 exactly (also in floating point), Flesch 206.835 - 1.015 * 204/9 - 84.6 * 1.25 = 78.1.
    (Kills check_readability 67, `>` -> `>=`.)"""
    figures, diagnostics = _check(_document(project, "en-GB", " ".join([_C] * 6 + [_D] * 3)))
    assert figures == {"flesch": 78.1, "grade": 8.0}
    assert not diagnostics.items


# Norwegian sentences of ten words each; the words of more than six letters are the long ones for LIX.
_L3 = "Du kan ta tabletter mot smerter og trene forsiktig daglig."  # tabletter, smerter, forsiktig
_L4 = "Du kan ta tabletter mot smerter og strekke forsiktig daglig."  # ... and strekke
_L5 = "Hvile, tabletter mot smerter og forsiktig strekking hjelper de fleste."  # ... strekking, hjelper


def test_lix_of_exactly_50_is_a_warning_counted_over_the_whole_text(project):
    """LIX 50 is "aim lower", not yet "too hard". The summary (_L4 twice) and a first section of 20
    words (too little for a figure of its own) make 40 words, 4 sentences, 16 long words: LIX
    40/4 + 100 * 16/40 = 10 + 40 = 50.0. The short section first must not end the check, and the
    whole text adds up every text. (Kills check_readability 76 `>` -> `>=`, 64 `continue` ->
    `break`, 86-93 the warning's place, message and hint; Stats.add 1 and 5, which lose the sums.)"""
    figures, diagnostics = _check(_document(project, "nb-NO", f"{_L4} {_L4}", [("Om", [_L4, _L4])]))
    assert figures == {"lix": 50.0}
    assert [(d.severity.value, str(d.location), d.message, d.hint) for d in diagnostics.items] == [
        (
            "warning",
            "text.yaml:1",
            "LIX of 'the whole text' is 50; aim for 40 or less",
            "use shorter sentences and fewer long words",
        )
    ]


def test_lix_of_exactly_45_is_no_warning(project):
    """LIX "above 45 is a warning": 45 passes. 40 words, 4 sentences, 4 + 4 + 3 + 3 = 14 long words:
    LIX 10 + 100 * 14/40 = 10 + 35 = 45.0. (Kills check_readability 85, `>` -> `>=`.)"""
    figures, diagnostics = _check(_document(project, "nb-NO", f"{_L4} {_L4}", [("Om", [_L3, _L3])]))
    assert figures == {"lix": 45.0}
    assert not diagnostics.items


def test_lix_above_50_is_an_error_with_a_hint(project):
    """40 words, 4 sentences, 5 + 5 + 4 + 4 = 18 long words: LIX 10 + 100 * 18/40 = 55, an error
    that says what to do. (Kills check_readability 79, 82, 83, 84, which lose or garble the hint.)"""
    figures, diagnostics = _check(_document(project, "nb-NO", f"{_L5} {_L5}", [("Om", [_L4, _L4])]))
    assert figures == {"lix": 55.0}
    assert [(d.severity.value, d.message, d.hint) for d in diagnostics.items] == [
        (
            "error",
            "LIX of 'the whole text' is 55; above 50 is too hard for patient information (aim for 40)",
            "use shorter sentences and fewer long words",
        )
    ]


def test_a_sentence_of_26_words_is_too_long_and_one_of_25_is_not(project):
    """A sentence "over 25 words" is a warning at its text's line, quoting the sentence's first 50
    characters, with a hint; 25 words pass. (Kills check_readability 23 `>` -> `>=`, 30 which quotes
    51 characters, 26, 29, 31, 32 which lose or garble the hint.)"""
    words25 = "Så gå en tur hver dag og ta det med ro når det gjør vondt i foten og i hælen om dagen og om natten."
    words26 = "Du kan gå en tur hver dag og ta det med ro når det gjør vondt i foten og i hælen om dagen og om natten."
    assert (len(words25.split()), len(words26.split())) == (25, 26)
    doc = _document(project, "nb-NO", "Kort.", [("Om", [f"{words25} {words26}"])])
    _, diagnostics = _check(doc)
    first_50 = "Du kan gå en tur hver dag og ta det med ro når det"
    assert len(first_50) == 50
    assert [(str(d.location), d.message, d.hint) for d in diagnostics.items] == [
        (
            "text.yaml:10",
            f"a sentence of 26 words (more than 25): '{first_50}...'",
            "split it into two or three short sentences",
        )
    ]


def test_a_language_without_a_formula_gets_a_note_and_its_terms_checked_with_prefixes(project):
    """Arabic has no readability formula: no figures, a note at the language file that says so and
    what to do instead; its medical terms are still found behind the prefixes the language writes on
    the word (ال + لفافة = اللفافة). (Kills check_readability 44, which drops the prefixes, and 46-56,
    which lose or garble the note's place, message or hint.)"""
    doc = _document(project, "ar", "تلتهب اللفافة تحت القدم.")
    figures, diagnostics = _check(doc, terms=("لفافة",), prefixes=("ال",))
    assert figures == {}
    assert [(d.severity.value, str(d.location), d.message, d.hint) for d in diagnostics.items] == [
        (
            "warning",
            "text.yaml:1",
            "the medical term 'لفافة' has no plain explanation",
            "add 'لفافة: <plain words>' under glossary: in the language file, or explain it in brackets after the term",
        ),
        (
            "note",
            "text.yaml:1",
            "no readability formula for 'ar' (LIX is made for the Scandinavian languages, Flesch for English): "
            "only long sentences and unexplained medical words are checked",
            "have a native speaker read the patient text aloud to someone it is meant for",
        ),
    ]


def test_the_returned_lix_is_rounded_to_one_decimal(project):
    """The figure `check` prints and the manifest keeps is LIX to one decimal. _L4, _L4, _L3: 30 words,
    3 sentences, 4 + 4 + 3 = 11 long words: LIX 10 + 100 * 11/30 = 46.666... -> 46.7 (and, above 45,
    a warning that shows it as 47). (Kills check_readability 108, 109, 111-114: the key or the
    rounding of the returned LIX.)"""
    figures, diagnostics = _check(_document(project, "nb-NO", f"{_L4} {_L4} {_L3}"))
    assert figures == {"lix": 46.7}
    assert [d.message for d in diagnostics.items] == ["LIX of 'the whole text' is 47; aim for 40 or less"]


def _terms(text: str, terms: tuple[str, ...], glossary: dict[str, str] | None = None) -> list[str]:
    from generator.checks.readability import _check_terms
    from generator.diagnostics import Diagnostics, Location

    found = Diagnostics()
    _check_terms(text, Location(_SOURCE, 3), terms, glossary or {}, found)
    return [d.message for d in found.items]


def test_a_medical_term_is_found_whatever_its_case():
    """A term listed in lower case is found at the start of a sentence, capitalised: the patient
    reads it all the same. (Kills _check_terms 24, which drops re.IGNORECASE.)"""
    assert _terms("Hælspore gjør vondt.", ("hælspore",)) == ["the medical term 'hælspore' has no plain explanation"]


def test_a_term_in_the_glossary_needs_no_other_explanation_whatever_its_case():
    """The glossary explains the term on the leaflet, however either is capitalised. (Kills
    _check_terms 2 and 28, which compare the glossary in upper case.)"""
    assert _terms("Du har hælspore.", ("hælspore",), {"Hælspore": "en beinutvekst"}) == []


def test_a_term_explained_in_brackets_right_after_it_needs_no_glossary():
    """The text "hælspore (en liten beinutvekst)" explains the term itself. (Kills _check_terms 32, which looks for the
    bracket before the term's end instead of after it.)"""
    assert _terms("Du har hælspore (en liten beinutvekst).", ("hælspore",)) == []


def test_a_term_absent_from_the_text_does_not_stop_the_check_of_the_next():
    """The first listed term is not in this text; the second is, and is reported. (Kills
    _check_terms 30, `continue` -> `break`.)"""
    assert _terms("Du har hælspore.", ("fasciitt", "hælspore")) == [
        "the medical term 'hælspore' has no plain explanation"
    ]


def test_a_language_without_hyphenation_gets_one_note_and_one_with_it_none(project):
    """Arabic has no pyphen dictionary: a note at the labels file says the PDFs are set without
    hyphens and that nothing needs doing; Norwegian has one, and gets no note. (Kills
    check_hyphenation 2, `is None` -> `is not None`, and 3-10, the note's place, message and hint.)"""
    import dataclasses

    from generator.checks.readability import check_hyphenation
    from generator.diagnostics import Diagnostics, Location

    doc = dataclasses.replace(_document(project, "nb-NO", "Kort."), labels_source=Location("labels.yaml", 2))
    none = Diagnostics()
    check_hyphenation(doc, none)
    assert not none.items
    arabic = Diagnostics()
    check_hyphenation(dataclasses.replace(doc, language_tag="ar", language="ar"), arabic)
    assert [(d.severity.value, str(d.location), d.message, d.hint) for d in arabic.items] == [
        (
            "note",
            "labels.yaml:2",
            "no hyphenation dictionary for 'ar': the PDFs of 'ar' are set without hyphens",
            "nothing to do; long words move to the next line whole",
        )
    ]


def test_a_term_in_brackets_after_its_plain_words_needs_no_glossary():
    """The text "en beinutvekst (hælspore)", and a text that opens with "(hælspore)" explain the term too.
    (Kills _check_terms 34, 40 and 41, which read the wrong character before the term, and 39, which
    misses the bracket at the very start of the text; 47 garbles the bracket.)"""
    assert _terms("Du har en beinutvekst (hælspore) under hælen.", ("hælspore",)) == []
    assert _terms("(hælspore) er en beinutvekst.", ("hælspore",)) == []


def test_a_term_explained_in_brackets_does_not_stop_the_check_of_the_next():
    """(Kills _check_terms 48, `continue` -> `break` after a bracketed explanation.)"""
    found = _terms("Du har hælspore (beinutvekst) og fasciitt.", ("hælspore", "fasciitt"))
    assert found == ["the medical term 'fasciitt' has no plain explanation"]


def test_a_sentence_may_open_with_a_number_and_a_lower_case_letter():
    """A piece "2x om dagen." after a full stop is a new sentence: only a piece whose *first* character is a
    lower-case letter goes on the sentence before ("f.eks. is"). (Kills sentences 4, which looks at
    the first two characters.)"""
    from generator.checks.readability import sentences

    assert sentences("Ta to tabletter. 2x om dagen holder.") == ["Ta to tabletter.", "2x om dagen holder."]


def test_english_syllables_are_counted_in_lower_case():
    """o-pen has two syllables though the hyphenation dictionary does not split a four-letter word
    at its first letter: the vowel groups (o, e) count. "Open the door.": o-pen 2 + the 1 + door 1
    = 4. (Kills measure 22, which hands the word over in capitals, where no vowel group is found.)"""
    assert measure("Open the door.", "en-GB").syllables == 4


# -- across scripts: sentence ends, formulas, attached prefixes -----------------------------------------


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
