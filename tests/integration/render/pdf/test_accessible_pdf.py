"""The accessible ("web") leaflet and brochure: tagged PDF/UA-1 and PDF/A-2, read back from the files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from support import facts
from support.content import CONTENT, output_file, shipped_variants
from support.tools import _tool, drawn, pdfinfo
from support.tools import structure_elements as _elements

PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "BI"}
VARIANTS = shipped_variants()


def _struct_text(pdf: Path) -> str:
    return subprocess.run(
        [_tool("pdfinfo"), "-struct-text", str(pdf)], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_tagged_with_pdfua_and_pdfa_identification(outputs, product, clinic, condition, lang):
    path = output_file(outputs, clinic, condition, lang, f"{product}_web")
    tag = facts.labels(CONTENT, lang)["language_tag"]
    assert pdfinfo(path)["Tagged"] == "yes"
    assert (
        pdfinfo(output_file(outputs, clinic, condition, lang, product))["Tagged"] == "no"
    )  # the office PDF stays plain
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == tag and pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1" and meta["pdfaid:part"] == "2"
        assert (
            meta["dc:title"].startswith(facts.plain(facts.texts(CONTENT, condition, lang)["title"]))
            and tag in meta["dc:language"]
        )
    done = subprocess.run([_tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_every_mcid_has_one_owner_and_nothing_is_painted_unmarked(outputs, product, clinic, condition, lang):
    with pikepdf.open(output_file(outputs, clinic, condition, lang, f"{product}_web")) as pdf:
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
            assert len(owners[index]) == len(mcids)  # ParentTree: one element per MCID
            for mcid in mcids:
                assert claimed.get((page.obj.objgen, mcid)) == 1, (index, mcid)  # ... which claims it once


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_roles_alt_text_and_header_scope(outputs, clinic, condition, lang):
    path = output_file(outputs, clinic, condition, lang, "leaflet_web")
    pictures = facts.figure_alts(CONTENT, condition, lang)
    with pikepdf.open(path) as pdf:
        roles = [str(e.S) for e in _elements(pdf)]
        expected = ("/H1", "/H2", "/P", "/L", "/LI", "/LBody", "/Table", "/TR", "/TH", "/TD") + (
            ("/Figure", "/Caption") if pictures else ()
        )
        for role in expected:
            assert role in roles, role
        for element in _elements(pdf):
            if element.S == "/TH":
                assert element.A.Scope == "/Column"
        # The header row is read once: TH content on one page only, however many pages the table spans.
        pages_of_th = {kid.Pg.objgen for e in _elements(pdf) if e.S == "/TH" for kid in e.K}
        assert len(pages_of_th) == 1
        figures = [" ".join(str(e.Alt).split()) for e in _elements(pdf) if e.S == "/Figure"]
    # Every picture carries the content's own alt text, word for word; the QR code says where it leads and
    # the logo is named by the clinic's name.
    written = facts.clinic(CONTENT, clinic)
    web = facts.web_address(CONTENT, clinic, condition, lang)
    qr = [f"QR code: {web.split('://', 1)[-1].rstrip('/')}"] if web else []
    logo = [written["name"]] if written.get("logo") else []
    assert sorted(figures) == sorted(pictures + qr + logo)


def _alts(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [str(e.Alt) for e in _elements(pdf) if "/Alt" in e]


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_leaflet_reads_in_order_with_words_kept_apart(outputs, clinic, condition, lang):
    words = facts.texts(CONTENT, condition, lang)
    sections = facts.sections(CONTENT, condition, lang)
    text = _struct_text(output_file(outputs, clinic, condition, lang, "leaflet_web"))
    flat = " ".join(line.strip().strip('"') for line in text.splitlines() if line.strip().startswith('"'))
    flat = " ".join(flat.split())
    rtl = facts.right_to_left(CONTENT, lang)
    summary = facts.plain(words["summary"])
    order = (
        [facts.plain(words["title"]), " ".join(summary.split()[:2]) if rtl else summary[:40]]
        + [s["title"] for s in sections]
        + [facts.labels(CONTENT, lang)["about_this_leaflet"]]
    )
    # Each in turn after the one before (a short title may also occur inside earlier text).
    positions, at = [], 0
    for mark in order:
        at = flat.find(drawn(mark, rtl), at)
        positions.append(at)
        at = max(at, 0)
    assert all(p >= 0 for p in positions), list(zip(order, positions))
    # Words at line ends are kept apart: every paragraph reads whole, whatever lines it was set on.
    for section in sections:
        for block in section["blocks"]:
            if "p" in block and not re.search(r"[*\[\]]", block["p"]):
                sentence = facts.plain(block["p"])
                if rtl:  # its lines are not known here: each word, as drawn
                    missing = [w for w in sentence.split() if drawn(w, rtl) not in flat]
                    assert not missing, (sentence, missing)
                else:
                    assert _dehyphenate(sentence) in _dehyphenate(flat), sentence


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_brochure_structure_follows_the_reader_not_the_sheet(outputs, clinic, condition, lang):
    title = facts.plain(facts.texts(CONTENT, condition, lang)["title"])
    about = facts.labels(CONTENT, lang)["about_this_leaflet"]
    text = _struct_text(output_file(outputs, clinic, condition, lang, "brochure_web"))
    headings = [
        " ".join(line.strip().strip('"').split())
        for prev, line in zip(text.splitlines(), text.splitlines()[1:])
        if prev.strip().startswith(("H1", "H2"))
    ]
    rtl = facts.right_to_left(CONTENT, lang)
    title, about = drawn(title, rtl), drawn(about, rtl)
    sections = [drawn(s["title"], rtl) for s in facts.sections(CONTENT, condition, lang) if s["brochure"]]
    # Cover, the sections in reading order (inside panels left to right, then the flap), the back last.
    assert headings[0] == title
    assert [h for h in headings if h in sections] == sections
    assert headings[-1] == about
    assert headings.index(sections[-1]) < headings.index(about)


def _dehyphenate(text: str) -> str:
    return re.sub(r"(\w)- ?(\w)", r"\1\2", text.replace("-", "- ").replace("- ", "-")).replace("-", "")


def _pdfua() -> list[str] | None:
    found = shutil.which("pdfua") or (Path(sys.executable).parent / "pdfua")
    return [str(found)] if found and Path(found).exists() else None


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_pdfua_checker_agrees_and_has_teeth(outputs, clinic, condition, lang):
    checker = _pdfua()
    assert checker, "pdfua is a test dependency: pip install -e '.[test]'"
    for product in ("leaflet", "brochure"):
        good = subprocess.run(
            [*checker, "check", str(output_file(outputs, clinic, condition, lang, f"{product}_web"))],
            capture_output=True,
            text=True,
        )
        assert good.returncode == 0 and "result: PASS" in good.stdout, good.stdout
    bad = subprocess.run(
        [*checker, "check", str(output_file(outputs, clinic, condition, lang, "leaflet"))],
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0 and "UA-01" in bad.stdout


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_links_are_clickable_and_tagged_with_their_annotations(outputs, clinic, condition, lang):
    email = facts.clinic(CONTENT, clinic).get("email")
    web = facts.web_address(CONTENT, clinic, condition, lang)
    expected = [u for u in (f"mailto:{email}" if email else None, web) if u]
    for product in ("leaflet", "brochure"):
        with pikepdf.open(output_file(outputs, clinic, condition, lang, f"{product}_web")) as pdf:
            nums = pdf.Root.StructTreeRoot.ParentTree.Nums
            tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            links = [e for e in _elements(pdf) if e.S == "/Link"]
            uris = []
            for link in links:
                objr = [k for k in link.K if k.get("/Type") == "/OBJR"]
                assert objr  # one annotation per line of the address
                for annot in (k.Obj for k in objr):
                    assert annot.Subtype == "/Link" and int(annot.F) == 4 and str(annot.Contents)
                    assert tree[int(annot.StructParent)].objgen == link.objgen  # the ParentTree leads back
                targets = {str(k.Obj.A.URI) for k in objr}
                assert len(targets) == 1  # every line of a Link leads to the same place
                uris += targets
            assert uris == expected, product
