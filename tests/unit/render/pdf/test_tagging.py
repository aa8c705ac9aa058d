"""The structure tree of the accessible PDFs, built from the small content in-process: elements that
span pages stay one element (read with pikepdf)."""

from __future__ import annotations

import pikepdf

from support.content import edit
from support.tools import structure_elements as _elements


def test_a_paragraph_split_over_pages_stays_one_element(project, run):
    long = " ".join(["Dette er en ganske lang setning om foten og hælen."] * 60)
    edit(project / "content/tiny/nb.yaml", "      - p: Første avsnitt", f"      - p: {long}\n      - p: Første avsnitt")
    assert run(project, "--product", "web", "--lang", "nb", "--jobs", "1").code == 0
    with pikepdf.open(project / "output/default/tiny/nb/tiny_nb_leaflet_web.pdf") as pdf:
        spanning = [e for e in _elements(pdf) if e.S == "/P" and len({k.Pg.objgen for k in e.K}) > 1]
        assert spanning, "the long paragraph should be one P with content on two pages"
