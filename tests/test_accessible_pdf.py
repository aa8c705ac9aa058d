"""The accessible ("web") leaflet and brochure: tagged PDF/UA-1 and PDF/A-2, read back from the files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT, edit
from tools import _tool, pdfinfo

PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "BI"}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    from generator.cli import main
    out = tmp_path_factory.mktemp("web")
    assert main(["--content", str(ROOT / "content"), "--out", str(out), "--product", "leaflet,web", "--jobs", "1"]) == 0
    return out / "default" / "heel-spur"


def _struct_text(pdf: Path) -> str:
    return subprocess.run([_tool("pdfinfo"), "-struct-text", str(pdf)], capture_output=True, text=True, check=True).stdout


def _elements(pdf: pikepdf.Pdf):
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                yield kid
                stack.append(kid)


@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_tagged_with_pdfua_and_pdfa_identification(web, product):
    path = web / f"nb/heel-spur_nb_{product}_web.pdf"
    assert pdfinfo(path)["Tagged"] == "yes"
    assert pdfinfo(web / "nb/heel-spur_nb_leaflet.pdf")["Tagged"] == "no"        # the office PDF stays plain
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "nb-NO" and pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1" and meta["pdfaid:part"] == "2"
        assert meta["dc:title"].startswith("Hælspore") and "nb-NO" in meta["dc:language"]
    done = subprocess.run([_tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout


@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_every_mcid_has_one_owner_and_nothing_is_painted_unmarked(web, product):
    with pikepdf.open(web / f"en/heel-spur_en_{product}_web.pdf") as pdf:
        parent_tree = pdf.Root.StructTreeRoot.ParentTree.Nums
        owners = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
        claimed: dict[tuple[int, int], int] = {}
        for element in _elements(pdf):
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    key = (kid.Pg.objgen, int(kid.MCID))
                    claimed[key] = claimed.get(key, 0) + 1
        for index, page in enumerate(pdf.pages):
            assert int(page.obj.StructParents) == index
            depth, mcids, unmarked = 0, [], []
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BDC", "BMC"):
                    depth += 1
                    if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                        mcids.append(int(operands[1].MCID))
                elif name == "EMC":
                    depth -= 1
                elif name in PAINTING and depth == 0:
                    unmarked.append(name)
            assert depth == 0 and not unmarked, (index, unmarked[:5])
            assert mcids == list(range(len(mcids)))
            assert len(owners[index]) == len(mcids)                       # ParentTree: one element per MCID
            for mcid in mcids:
                assert claimed.get((page.obj.objgen, mcid)) == 1, (index, mcid)   # ... which claims it once


def test_roles_alt_text_and_header_scope(web):
    with pikepdf.open(web / "nb/heel-spur_nb_leaflet_web.pdf") as pdf:
        roles = [str(e.S) for e in _elements(pdf)]
        for role in ("/H1", "/H2", "/P", "/L", "/LI", "/LBody", "/Table", "/TR", "/TH", "/TD", "/Figure", "/Caption"):
            assert role in roles, role
        for element in _elements(pdf):
            if element.S == "/Figure":
                assert str(element.Alt).strip(), "Figure without /Alt"
            if element.S == "/TH":
                assert element.A.Scope == "/Column"
        # The table spans two pages; its header row is read once: TH content on one page only.
        pages_of_th = {kid.Pg.objgen for e in _elements(pdf) if e.S == "/TH" for kid in e.K}
        assert len(pages_of_th) == 1
    alts = _alts(web / "nb/heel-spur_nb_leaflet_web.pdf")
    assert any(a.startswith("Skjematisk tegning av hælen") for a in alts)
    assert "QR code: example.org/hælspore" in alts


def _alts(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [str(e.Alt) for e in _elements(pdf) if "/Alt" in e]


def test_leaflet_reads_in_order_with_words_kept_apart(web):
    text = _struct_text(web / "en/heel-spur_en_leaflet_web.pdf")
    flat = " ".join(line.strip().strip('"') for line in text.splitlines() if line.strip().startswith('"'))
    flat = " ".join(flat.split())
    order = ["Heel spur", "A heel spur causes pain under the heel", "What is a heel spur?",
             "Treatment", "When should you see a doctor?", "About this leaflet"]
    positions = [flat.find(mark) for mark in order]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), list(zip(order, positions))
    # Words at line ends are separated: this paragraph is set over two lines.
    assert "The pain comes from small injuries in a strong band under the foot." in flat


def test_brochure_structure_follows_the_reader_not_the_sheet(web):
    text = _struct_text(web / "nb/heel-spur_nb_brochure_web.pdf")
    headings = [line.strip().strip('"').strip() for prev, line in zip(text.splitlines(), text.splitlines()[1:])
                if prev.strip().startswith(("H1", "H2"))]
    # Cover, inside panels left to right, then the flap and the back.
    assert headings[:4] == ["Hælspore", "Hva er hælspore?", "Hvordan kjennes det?", "Behandling"]
    assert headings[-2:] == ["Eksempelklinikken", "Om denne brosjyren"]
    assert headings.index("Behandling") < headings.index("Dette kan du gjøre selv") < headings.index("Eksempelklinikken")


def test_a_paragraph_split_over_pages_stays_one_element(project, run):
    long = " ".join(["Dette er en ganske lang setning om foten og hælen."] * 60)
    edit(project / "content/tiny/nb.yaml", "      - p: Første avsnitt", f"      - p: {long}\n      - p: Første avsnitt")
    assert run(project, "--product", "web", "--lang", "nb", "--jobs", "1").code == 0
    with pikepdf.open(project / "output/default/tiny/nb/tiny_nb_leaflet_web.pdf") as pdf:
        spanning = [e for e in _elements(pdf) if e.S == "/P" and len({k.Pg.objgen for k in e.K}) > 1]
        assert spanning, "the long paragraph should be one P with content on two pages"


def _pdfua() -> list[str] | None:
    found = shutil.which("pdfua") or (Path(sys.executable).parent / "pdfua")
    return [str(found)] if found and Path(found).exists() else None


def test_pdfua_checker_agrees_and_has_teeth(web):
    checker = _pdfua()
    assert checker, "pdfua is a test dependency: pip install -e '.[test]'"
    for product in ("leaflet", "brochure"):
        good = subprocess.run([*checker, "check", str(web / f"nb/heel-spur_nb_{product}_web.pdf")],
                              capture_output=True, text=True)
        assert good.returncode == 0 and "result: PASS" in good.stdout, good.stdout
    bad = subprocess.run([*checker, "check", str(web / "nb/heel-spur_nb_leaflet.pdf")], capture_output=True, text=True)
    assert bad.returncode != 0 and "UA-01" in bad.stdout


def test_links_are_clickable_and_tagged_with_their_annotation(web):
    with pikepdf.open(web / "nb/heel-spur_nb_leaflet_web.pdf") as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        links = [e for e in _elements(pdf) if e.S == "/Link"]
        assert len(links) == 2
        uris = []
        for link in links:
            objr = [k for k in link.K if k.get("/Type") == "/OBJR"]
            assert len(objr) == 1
            annot = objr[0].Obj
            assert annot.Subtype == "/Link" and int(annot.F) == 4 and str(annot.Contents)
            assert tree[int(annot.StructParent)].objgen == link.objgen       # the ParentTree leads back
            uris.append(str(annot.A.URI))
        assert uris == ["mailto:post@example.org", "https://example.org/h%C3%A6lspore"]
