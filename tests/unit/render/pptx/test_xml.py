"""python-pptx's internals in generator/render/pptx/xml.py, pinned: notes pages copied from the deck's first are
what python-pptx itself makes for each slide (issue 26: cloning the notes master's placeholders was a fifth of
a deck's drawing time), and python-pptx's XPaths, compiled once, find what they found before."""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import ns, xmlchemy

from generator.render.pptx import xml
from generator.render.pptx.template import DEFAULT_TEMPLATE
from generator.render.pptx.xml import NotesPages


def _deck(notes_frame) -> Presentation:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    for number in range(3):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        notes_frame(slide).text = f"Notes of slide {number + 1}"
    return Presentation(_saved(prs))


def _saved(prs) -> io.BytesIO:
    buffer = io.BytesIO()
    prs.save(buffer)
    buffer.seek(0)
    return buffer


def test_copied_notes_pages_are_what_python_pptx_makes():
    ours, theirs = _deck(NotesPages().text_frame), _deck(lambda slide: slide.notes_slide.notes_text_frame)
    assert len(ours.slides) == len(theirs.slides) == len(Presentation(str(DEFAULT_TEMPLATE)).slides) + 3
    for mine, reference in zip(list(ours.slides)[-3:], list(theirs.slides)[-3:], strict=True):
        assert mine.has_notes_slide
        notes = mine.notes_slide
        assert etree.tostring(notes.element) == etree.tostring(reference.notes_slide.element)
        assert notes.part.partname == reference.notes_slide.part.partname
        assert notes.part.part_related_by(RT.SLIDE) is mine.part  # each notes page belongs to its own slide
        assert notes.part.part_related_by(RT.NOTES_MASTER) is ours.notes_master.part


EXPRESSIONS = (
    "./*[1]/p:nvPr/p:ph",
    "./p:cSld/p:spTree/*",
    ".//a:t",
    "./p:cSld/p:spTree/p:sp[1]//a:rPr",
    "count(.//p:sp)",
)


def test_python_pptx_xpaths_are_compiled_once_with_the_same_results():
    """Issue 26: BaseOxmlElement.xpath compiled each expression on every call (a quarter of a deck's time)."""
    assert xmlchemy.BaseOxmlElement.xpath is xml._xpath
    prs = Presentation(str(DEFAULT_TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Hælspore"
    elements = [e for e in slide.element.iter() if isinstance(e, xmlchemy.BaseOxmlElement)]
    assert len(elements) > 10
    for element in elements:
        for expression in EXPRESSIONS:
            ours = element.xpath(expression)
            theirs = etree.ElementBase.xpath(element, expression, namespaces=ns._nsmap)
            assert ours == theirs, (element.tag, expression)
    assert slide.shapes.title.element.ph is not None and slide.element.xpath(".//a:t")[0].text == "Hælspore"


def test_a_slide_asked_twice_for_its_notes_keeps_one_notes_page():
    prs = Presentation(str(DEFAULT_TEMPLATE))
    pages = NotesPages()
    first, second = (prs.slides.add_slide(prs.slide_layouts[1]) for _ in range(2))
    for slide in (first, second, second):
        pages.text_frame(slide).text = "Notes"
    notes_rels = [r for r in second.part.rels.values() if r.reltype == RT.NOTES_SLIDE]
    assert len(notes_rels) == 1
    reopened = Presentation(_saved(prs))
    assert [s.notes_slide.notes_text_frame.text for s in list(reopened.slides)[-2:]] == ["Notes", "Notes"]
