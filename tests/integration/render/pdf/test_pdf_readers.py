"""Every shipped PDF as other readers take it: qpdf finds no structural error, and the brochure's text
comes out in the order a reader follows (poppler)."""

from __future__ import annotations

import subprocess

import pytest

from support.content import output_file, shipped_variants
from support.tools import _tool, pdftotext


def test_qpdf_finds_no_errors_in_any_pdf(outputs):
    from support.content import shipped

    pdfs = sorted(outputs.rglob("*.pdf"))
    per_text = 6  # leaflet, brochure, their print-shop and accessible versions
    assert len(pdfs) == per_text * len(shipped().clinics) * sum(
        len(c.condition.languages) for c in shipped().conditions
    )
    for pdf in pdfs:
        done = subprocess.run([_tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
        assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout, (pdf.name, done.stdout)


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
def test_brochure_text_comes_in_the_order_a_reader_follows(outputs, clinic, condition, lang):
    """Outside: cover, then the flap (read on opening), the back last. Inside: the sections left to right."""
    from support import facts
    from support.content import CONTENT

    texts, labels = facts.texts(CONTENT, condition, lang), facts.labels(CONTENT, lang)
    pdf = output_file(outputs, clinic, condition, lang, "brochure")

    def page(n: int) -> str:  # poppler's -raw (drawing order), right-to-left lines put in reading order
        return " ".join(pdftotext(pdf, first=n, last=n).split())

    def in_order(text: str, *marks: str) -> bool:
        positions = [text.find(m) for m in marks]
        return all(p >= 0 for p in positions) and positions == sorted(positions)

    titles = [facts.plain(s["title"]) for s in texts["sections"] if s.get("brochure", True) and s.get("patient")]
    outside, inside = page(1), page(2)
    rtl = facts.right_to_left(CONTENT, lang)  # its first words: where a reader's order of punctuation cannot matter
    summary = " ".join(facts.plain(texts["summary"]).split()[:3]) if rtl else facts.plain(texts["summary"])[:30]
    about = labels["about_this_leaflet"]
    assert in_order(outside, summary, about), outside[:300]
    on_inside = [t for t in titles if t in inside]
    on_flap = [t for t in titles if t not in inside]
    assert on_inside and titles == on_inside + on_flap  # the inside first, the flap carries on
    assert in_order(inside, *on_inside)
    assert in_order(outside, summary, *on_flap, about)
