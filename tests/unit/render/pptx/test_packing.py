"""Which text goes on which slide (generator/render/pptx/packing.py), judged as numbers without a
slide, the way python-pptx tests its TextFitter: at most six bullets a slide, the largest size that
fits, a paragraph too long for a slide cut between its sentences, a sentence too long an error."""

from __future__ import annotations

import pytest
from pptx.util import Emu, Inches, Pt

from generator.diagnostics import Location
from generator.render.errors import LayoutProblem
from generator.render.pptx import measure as fit
from generator.render.pptx import table as tables
from generator.render.pptx.packing import BODY_SIZES, MAX_BULLETS, pack, pieces, sentences, split_evenly
from generator.render.pptx.xml import DeckPara

BOX = (800.0, 400.0)  # a body box in points, like leafdeck's own 16:9 template's
HERE = Location("nb.yaml", 7, 3)


def _bullets(n: int, words: int = 4) -> list[DeckPara]:
    return [DeckPara.of(" ".join(["punkt"] * words) + f" {i}", bullet=True, source=HERE) for i in range(n)]


def test_short_bullets_go_six_to_a_slide_at_the_body_size():
    slides = pack(_bullets(14), *BOX)
    assert [len(chunk) for chunk, _ in slides] == [6, 6, 2]
    assert {size for _, size in slides} == {BODY_SIZES[0]}
    assert [p for chunk, _ in slides for p in chunk] == _bullets(14)  # in order, none lost


def test_every_slide_holds_what_it_is_given_at_its_size():
    for chunk, size in pack(_bullets(9, words=25), *BOX):
        assert len(chunk) <= MAX_BULLETS
        assert fit.fits([p.measure() for p in chunk], *BOX, size)


def test_a_paragraph_too_long_at_20_pt_gets_a_slide_of_its_own_at_18():
    width, height = BOX
    long = DeckPara.of(" ".join(["ord"] * 10), source=HERE)
    while fit.fits([long.measure()], width, height, BODY_SIZES[0]):
        long = DeckPara.of(long.text + " ord ord ord", source=HERE)
    assert fit.fits([long.measure()], width, height, BODY_SIZES[-1]), "the test needs a paragraph that fits at 18"
    slides = pack([_bullets(1)[0], long, _bullets(1)[0]], width, height)
    assert [(len(chunk), size) for chunk, size in slides] == [(1, 20), (1, 18), (1, 20)]


def test_a_paragraph_too_long_for_a_whole_slide_is_cut_between_its_sentences():
    sentence = "Dette er en setning med ganske mange ord om foten og hælen og om hvordan den kjennes."
    long = DeckPara.of(" ".join([sentence] * 12), bullet=True, source=HERE)
    cut = pieces(long, 500, 200)
    assert len(cut) > 1 and " ".join(p.text for p in cut) == long.text
    assert [p.bullet for p in cut] == [True] + [False] * (len(cut) - 1)  # one bullet, continued
    assert all(p.source == HERE for p in cut)


def test_a_sentence_too_long_for_a_whole_slide_is_an_error_at_its_line():
    endless = DeckPara.of(" ".join(["ord"] * 900), source=HERE)
    with pytest.raises(LayoutProblem) as problem:
        pieces(endless, *BOX)
    assert problem.value.source == HERE and "too long for a whole slide" in problem.value.message


def test_sentences_end_at_full_stops_question_and_exclamation_marks():
    assert sentences("Én. To? Tre! Fire; fem") == ["Én.", "To?", "Tre!", "Fire;", "fem"]


def _rows(n: int, words: int):
    return [
        (i, [[DeckPara.of(f"Behandling {i}", bold=True)], [DeckPara.of(" ".join(["indikasjon"] * words))]])
        for i in range(n)
    ]


HEADER = [[DeckPara.of("Behandling", bold=True)], [DeckPara.of("Viktigste indikasjon", bold=True)]]
EMU_WIDTH, EMU_HEIGHT = 10_000_000, 4_000_000  # about 11 x 4.4 inches


def test_the_overview_takes_the_fewest_slides_at_the_largest_size():
    chunks, size, widths = split_evenly(HEADER, _rows(4, 3), EMU_WIDTH, EMU_HEIGHT, (0.4, 0.6), HERE)
    assert len(chunks) == 1 and size == 20 and sum(widths) <= EMU_WIDTH


def test_a_long_overview_is_spread_evenly_over_two_slides():
    chunks, size, _ = split_evenly(HEADER, _rows(13, 6), EMU_WIDTH, EMU_HEIGHT, (0.4, 0.6), HERE)
    assert len(chunks) == 2 and abs(len(chunks[0]) - len(chunks[1])) <= 1
    assert [key for chunk in chunks for key, _ in chunk] == list(range(13))


def test_an_overview_that_cannot_fit_names_the_table():
    with pytest.raises(LayoutProblem) as problem:
        split_evenly(HEADER, _rows(40, 60), EMU_WIDTH, 1_000_000, (0.4, 0.6), HERE)
    assert problem.value.source == HERE and "overview does not fit" in problem.value.message


def _grown(sentence: str, width: float, height: float, size: float) -> DeckPara:
    """The sentence repeated until the paragraph no longer fits the box at ``size``."""
    para = DeckPara.of(sentence, source=HERE)
    while fit.fits([para.measure()], width, height, size):
        para = DeckPara.of(f"{para.text} {sentence}", source=HERE)
    return para


def test_a_paragraph_that_fits_only_at_18_pt_is_kept_whole():
    para = _grown("Hvil foten.", *BOX, 20)
    assert fit.fits([para.measure()], *BOX, 18), "the test needs a paragraph that fits at 18"
    assert pieces(para, *BOX) == [para]


def test_a_paragraph_is_cut_into_sentences_that_fit_only_at_18_pt():
    width, height = 300.0, 60.0
    sentence = _grown("ord", width, height, 20).text + "."  # one sentence: too long at 20 pt
    assert fit.fits([DeckPara.of(sentence).measure()], width, height, 18), "the sentence must fit at 18"
    para = DeckPara.of(f"{sentence} {sentence}", source=HERE)
    assert [p.text for p in pieces(para, width, height)] == [sentence, sentence]


def test_the_error_for_a_sentence_too_long_names_the_smallest_size_and_what_to_do():
    with pytest.raises(LayoutProblem) as problem:
        pieces(DeckPara.of(" ".join(["ord"] * 900), source=HERE), *BOX)
    assert problem.value.message == "a text is too long for a whole slide even at 18 pt"
    assert problem.value.hint == "split it into shorter bullets, or move detail to a paragraph (speaker notes)"


def test_the_error_for_an_overview_that_cannot_fit_names_the_smallest_size_and_what_to_do():
    with pytest.raises(LayoutProblem) as problem:
        split_evenly(HEADER, _rows(40, 60), EMU_WIDTH, 1_000_000, (0.4, 0.6), HERE)
    assert problem.value.message == "the comparison overview does not fit this template's slides even at 14 pt"
    assert problem.value.hint == "shorten the first indication and contraindication of each treatment"


def _least(word: str, size: float) -> float:
    """A column's least width in EMU for ``word``: the word, 0.08 in on each side and 1 pt."""
    return Pt(fit.widest_word([DeckPara.of(word, bold=True).measure()], size)) + 2 * Inches(0.08) + Pt(1)


def test_an_overview_whose_words_are_too_wide_at_20_pt_is_tried_at_18():
    long, other = "Trykkbølgebehandlingsforløpet", "Ekstrakorporalsjokkbølgeterapi"
    header = [[DeckPara.of(long, bold=True)], [DeckPara.of(other, bold=True)]]
    width = int((_least(long, 18) + _least(other, 18) + _least(long, 20) + _least(other, 20)) / 2)
    chunks, size, _ = split_evenly(header, [(0, header)], width, EMU_HEIGHT, (0.5, 0.5), HERE)
    assert size == 18 and len(chunks) == 1


def _tall_and_short(pattern: str):
    """Rows "T" (tall) and "S" (short) for an area where a tall row and a short one share a slide at
    14 pt but two tall rows never do, at any size."""
    widths = tables.column_widths(EMU_WIDTH, [HEADER], (0.4, 0.6), 14, HERE)
    room = fit.budget(Emu(EMU_HEIGHT).pt) * Pt(1) - tables.row_height(HEADER, widths, 14)
    short = [[DeckPara.of("Kort", bold=True)], [DeckPara.of("kort")]]
    words = 1
    while True:
        tall = [[DeckPara.of("Lang", bold=True)], [DeckPara.of(" ".join(["indikasjon"] * (words + 1)))]]
        if tables.row_height(tall, widths, 14) + tables.row_height(short, widths, 14) > room:
            break
        words += 1
    tall = [[DeckPara.of("Lang", bold=True)], [DeckPara.of(" ".join(["indikasjon"] * words))]]
    assert 2 * tables.row_height(tall, widths, 14) > room
    return [(i, tall if kind == "T" else short) for i, kind in enumerate(pattern)]


def _slides(chunks) -> list[list[int]]:
    return [[key for key, _ in chunk] for chunk in chunks]


def test_an_overview_of_four_rows_goes_on_three_slides_when_two_are_too_few():
    chunks, _, _ = split_evenly(HEADER, _tall_and_short("TSTT"), EMU_WIDTH, EMU_HEIGHT, (0.4, 0.6), HERE)
    assert len(chunks) == 3 and sum(_slides(chunks), []) == [0, 1, 2, 3]


def test_an_overview_of_five_rows_goes_on_three_slides_when_two_are_too_few():
    chunks, _, _ = split_evenly(HEADER, _tall_and_short("TSTST"), EMU_WIDTH, EMU_HEIGHT, (0.4, 0.6), HERE)
    assert len(chunks) == 3 and sum(_slides(chunks), []) == [0, 1, 2, 3, 4]


def test_an_overview_of_three_rows_each_needing_a_slide_is_an_error_not_three_slides():
    with pytest.raises(LayoutProblem):
        split_evenly(HEADER, _tall_and_short("TTT"), EMU_WIDTH, EMU_HEIGHT, (0.4, 0.6), HERE)
