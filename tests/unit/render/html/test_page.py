"""The patient web page of the small content, built in-process and parsed by html5lib: content text
stays text, the pathway is an ordered list, a deleted picture is written again."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import html5lib
from fontTools.ttLib import TTFont

from generator.assets.fonts import LATIN, Direction, body_family, chain
from generator.diagnostics import Diagnostics
from generator.document.compose import compose_document
from generator.document.model import Credit, Translation
from generator.kinds import Audience, Product, Variant
from generator.loading.content import load_content
from generator.loading.schema import Role
from generator.render.html import assets
from generator.render.html.page import (
    _groups,
    _pictures,
    _section,
    _sources,
    _visible_text,
    contact,
    json_ld,
    palette,
    render,
    web_link,
    writing,
)
from support.content import edit
from support.tools import all_of, element_text, html_tree

SITE = Path("output/default/site/tiny/nb")


def test_markup_in_content_is_text_on_the_page(project, run):
    nb = project / "content/tiny/nb.yaml"
    edit(nb, "title: Liten tilstand", 'title: "<script>alert(1)</script> & <b>fet</b>"')
    edit(
        nb,
        "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.",
        '      - p: "<img src=x onerror=alert(1)> *kursiv* </p><h1>x"',
    )
    assert run(project, "--product", "page").code == 0
    tree = html_tree(project / SITE / "index.html")
    assert element_text(all_of(tree, "h1")[0]) == "<script>alert(1)</script> & <b>fet</b>"
    assert all(s.get("type") == "application/ld+json" for s in all_of(tree, "script"))
    assert not all_of(tree, "b") and len(all_of(tree, "h1")) == 1
    assert [i.get("src") for i in all_of(tree, "img") if i.get("src") == "x"] == []
    assert "<img src=x onerror=alert(1)> kursiv </p><h1>x" in element_text(all_of(tree, "main")[0])
    data = json.loads(all_of(tree, "script")[0].text)
    assert data["name"] == "<script>alert(1)</script> & <b>fet</b>"


def test_a_deleted_picture_of_a_page_is_written_again(project, run):
    assert run(project, "--product", "page").code == 0
    picture = next((project / SITE).glob("picture-*.webp"))
    picture.unlink()
    result = run(project, "--product", "page")
    assert result.code == 0 and picture.exists() and "built 1," in result.out, result.out


def test_steps_are_an_ordered_list_drawn_as_numbered_steps(project, run):
    edit(
        project / "content/tiny/nb.yaml",
        "      - list:\n          - Punkt én\n          - Punkt to",
        "      - steps:\n          - Først hvile\n          - Så *trening*\n          - Til slutt kontroll",
    )
    assert run(project, "--product", "page", "--lang", "nb").code == 0
    tree = html_tree(project / SITE / "index.html")
    [steps] = [o for o in all_of(tree, "ol") if o.get("class") == "steps"]
    assert [element_text(li) for li in all_of(steps, "li")] == ["Først hvile", "Så trening", "Til slutt kontroll"]
    assert all_of(steps, "em"), "emphasis inside a step stays emphasis"


def _doc(project, lang: str = "nb"):
    content = load_content(project / "content", project / "images", Diagnostics())
    return compose_document(
        content.condition("tiny"),
        lang,
        Audience.PATIENT,
        content.clinics["default"],
        content.labels[lang],
        project / "images",
        dt.date(2026, 6, 1),
        content.labels,
    )


def test_the_search_engine_data_describes_the_page_from_the_content(project):
    assert json_ld(_doc(project)) == {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": "Liten tilstand",
        "description": "Dette er en kort setning.",
        "inLanguage": "nb-NO",
        "audience": {"@type": "Patient"},
        "about": {
            "@type": "MedicalCondition",
            "name": "Liten tilstand",
            "code": {"@type": "MedicalCode", "code": "X00.0", "codingSystem": "ICD-10"},
        },
        "datePublished": "2026-01-10",
        "lastReviewed": "2026-01-10",
        "version": "1.0",
        "author": [{"@type": "Person", "name": "Test Forfatter"}],
        "publisher": {"@type": "Organization", "name": "Testorg"},
        "citation": ["A Book. 2020."],
        "reviewedBy": {"@type": "Person", "name": "Dr. Test"},
    }


def test_the_search_engine_data_leaves_out_a_missing_code_and_reviewer(project):
    doc = _doc(project)
    doc = replace(doc, icd10=None, trust=replace(doc.trust, clinical_reviewer=None))
    data = json_ld(doc)
    assert data["about"] == {"@type": "MedicalCondition", "name": "Liten tilstand"}
    assert "reviewedBy" not in data


def test_the_contact_block_dials_the_digits_of_the_phone_number_and_links_the_web_address(project):
    clinic = _doc(project).clinic
    assert contact(clinic) == {
        "phone": "+47 00 00 00 00",
        "tel": "tel:+4700000000",
        "email": "post@example.org",
        "address": "Gateadresse 1, 0000 Sted",
        "web": "https://example.org/h%C3%A6lspore",
        "web_display": "example.org/hælspore",
    }
    assert contact(replace(clinic, phone=None))["tel"] is None


def test_only_web_addresses_become_links():
    assert web_link("https://example.org/a") == "https://example.org/a"
    assert web_link("HTTP://EXAMPLE.ORG") == "HTTP://EXAMPLE.ORG"
    assert web_link("javascript:alert(1)") is None
    assert web_link("mailto:post@example.org") is None
    assert web_link("") is None and web_link(None) is None


def test_links_are_in_the_primary_colour_only_where_it_is_readable_on_white():
    colours = {"primary": "#1F4E79", "text": "#1A1A1A", "accent": "#B3541E", "callout_background": "#FFF4D6"}
    assert palette(colours) == {
        "primary": "#1F4E79",
        "text": "#1A1A1A",
        "accent": "#B3541E",
        "callout": "#FFF4D6",
        "link": "#1F4E79",  # dark blue on white: about 8.9 to 1
    }
    assert palette({**colours, "primary": "#FFD700"})["link"] == "#1A1A1A"  # gold on white: about 1.4 to 1


def test_the_visible_text_decodes_entities_and_joins_the_text_between_tags():
    assert _visible_text("<p>A &amp; B</p><p>&#246;</p>") == "A & Bö"


def test_table_rows_are_grouped_in_runs_of_one_group_in_table_order():
    rows = [SimpleNamespace(group=g, key=k) for g, k in [("A", 1), ("A", 2), ("B", 3), ("A", 4)]]
    assert [(g, [r.key for r in rs]) for g, rs in _groups(tuple(rows))] == [("A", [1, 2]), ("B", [3]), ("A", [4])]


def test_each_block_of_a_section_is_handed_to_the_template_by_its_kind(project):
    doc = _doc(project)
    about, treatments, _ = doc.sections
    pictures = _pictures(doc)
    assert [b["kind"] for b in _section(about, pictures, None)["blocks"]] == ["paragraph", "figure", "list"]
    table = _section(treatments, pictures, None)["blocks"][0]
    assert table["kind"] == "table"
    assert [(g, [r.key for r in rs]) for g, rs in table["groups"]] == [
        ("Egenbehandling", ["rest"]),
        ("Medisiner", ["pills"]),
    ]
    cover = about.blocks[1]  # the picture as the cover: shown once, at the top, not again in its section
    assert [b["kind"] for b in _section(about, pictures, cover)["blocks"]] == ["paragraph", "list"]


def test_pictures_are_numbered_from_1_the_cover_first_and_each_file_once(project):
    doc = _doc(project)
    figure = doc.sections[0].blocks[1]
    shutil.copy(project / "images/circle.png", project / "images/cover.png")
    doc = replace(doc, cover_figure=replace(figure, path=project / "images/cover.png"))
    pictures = _pictures(doc)
    assert list(pictures) == [project / "images/cover.png", figure.path]
    assert [{name.rsplit("-", 1)[0] for name, _, _ in p.files} for p in pictures.values()] == [
        {"picture-1"},
        {"picture-2"},
    ]


def test_sources_without_addresses_are_listed_without_links(project):
    doc = _doc(project)
    assert _sources(doc) == [("A Book. 2020.", None)]
    linked = replace(doc, trust=replace(doc.trust, source_links=("javascript:x",), sources=("A Book. 2020.",)))
    assert _sources(linked) == [("A Book. 2020.", None)]
    linked = replace(doc, trust=replace(doc.trust, source_links=("https://a.org",)))
    assert _sources(linked) == [("A Book. 2020.", "https://a.org")]
    assert _sources(replace(doc, trust=replace(doc.trust, sources=(), source_links=()))) == []  # none given


def test_the_page_links_the_other_language_names_the_reviewer_and_credits_and_ships_the_logo(project):
    edit(
        project / "content/clinics/default.yaml",
        'email: "post@example.org"',
        'email: "post@example.org"\nlogo: circle.png',
    )
    bundle = render(_doc(project), Variant(Product.PAGE))
    page = bundle.main.decode("utf-8")
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    assert tree.get("lang") == "nb-NO" and tree.get("dir") is None  # left to right: the default
    links = {a.get("href"): a for a in tree.iter("a")}
    assert "../en/index.html" in links and "../nb/index.html" not in links  # the other version, not this one
    assert links["../en/index.html"].get("dir") is None  # English reads the same way as the page
    text = " ".join(tree.itertext())
    assert "Dr. Test" in text and "Test Forfatter" in text
    names = [name for name, _ in bundle.files]
    assert any(name.startswith("logo-") for name in names)
    assert any(name.startswith("picture-1-") for name in names)
    assert any(name.endswith(".woff2") for name in names)


def test_a_page_without_a_reviewer_says_it_is_not_reviewed_yet(project):
    doc = _doc(project)
    doc = replace(doc, trust=replace(doc.trust, clinical_reviewer=None))
    text = " ".join(
        html5lib.parse(render(doc, Variant(Product.PAGE)).main.decode(), namespaceHTMLElements=False).itertext()
    )
    assert "ikke faglig kontrollert ennå" in text


def test_a_right_to_left_page_names_its_family_and_those_of_the_other_scripts_it_shows():
    written = writing("Arab", Direction.RTL, ["Ethi"])
    assert written == {
        "dir": "rtl",
        "font": {"family": body_family("Arab").name, "slug": assets.family_slug("Arab")},
        "more_fonts": [{"family": chain("Ethi")[0].name, "slug": assets.own_slug("Ethi")}],
    }
    assert written["font"]["family"] != body_family(LATIN).name  # not the Latin family


def _images(page: bytes) -> list[str]:
    tree = html5lib.parse(page.decode("utf-8"), namespaceHTMLElements=False)
    return [img.get("src") for img in tree.iter("img") if (img.get("src") or "").startswith("picture-")]


def test_the_cover_picture_is_shown_once_at_the_top_not_again_in_its_section(project):
    doc = _doc(project)
    assert len(_images(render(doc, Variant(Product.PAGE)).main)) == 1  # no cover: the picture in its section
    covered = replace(doc, cover_figure=doc.sections[0].blocks[1])
    assert len(_images(render(covered, Variant(Product.PAGE)).main)) == 1


def test_the_names_of_one_role_are_credited_together(project):
    doc = _doc(project)
    credits = (Credit(Role.AUTHOR, ("Test Forfatter", "Ola Nordmann")),)
    page = render(replace(doc, trust=replace(doc.trust, credits=credits)), Variant(Product.PAGE)).main.decode()
    assert "Test Forfatter, Ola Nordmann" in page


def _font_names(bundle) -> list[str]:
    return [name for name, _ in bundle.files if name.endswith(".woff2")]


def test_a_page_ships_the_family_of_a_version_named_in_other_letters(project):
    # fonts.toml: Arabic letters are drawn by IBM Plex Sans Arabic, which the Latin page's Fira Sans lacks
    doc = _doc(project)
    arabic = Translation("ar", "ar", "العربية", Direction.RTL)
    bundle = render(replace(doc, translations=(*doc.translations, arabic)), Variant(Product.PAGE))
    names = _font_names(bundle)
    assert "ibm-plex-sans-arabic-regular.woff2" in names and "ibm-plex-sans-arabic-bold.woff2" in names
    assert "fira-sans-regular.woff2" in names
    assert 'font-family: "IBM Plex Sans Arabic"' in bundle.main.decode("utf-8")


def test_a_page_in_arabic_letters_uses_its_own_family_and_ships_it_once(project):
    # The page's chain (fonts.toml's Arab line): IBM Plex Sans Arabic first, Fira Sans for the rest. A version
    # named in Arabic letters needs no family of its own: the page's family already draws them.
    doc = _doc(project)
    arabic = Translation("ar", "ar", "العربية", Direction.RTL)
    doc = replace(
        doc,
        script="Arab",
        fonts=("ibm-plex-sans-arabic", "fira-sans"),
        direction=Direction.RTL,
        translations=(*doc.translations, arabic),
    )
    bundle = render(doc, Variant(Product.PAGE))
    page = bundle.main.decode("utf-8")
    names = _font_names(bundle)
    assert sorted(names) == [
        "ibm-plex-sans-arabic-bold.woff2",
        "ibm-plex-sans-arabic-italic.woff2",
        "ibm-plex-sans-arabic-regular.woff2",
    ]
    assert page.count('src: url("ibm-plex-sans-arabic-regular.woff2")') == 1
    assert 'font-family: "IBM Plex Sans Arabic"' in page and "Fira Sans" not in page


def test_a_latin_page_ships_its_fonts_cut_to_all_of_latin_1_and_latin_extended_a(project):
    # A Latin page whose characters are all in the broad Latin set gets the faces cut to that whole set (one
    # cut shared by every such page), not to its own characters: letters it does not use are there too.
    bundle = render(_doc(project), Variant(Product.PAGE))
    files = dict(bundle.files)
    assert sorted(_font_names(bundle)) == ["fira-sans-bold.woff2", "fira-sans-italic.woff2", "fira-sans-regular.woff2"]
    unused = "¿ÿŵĳ"  # U+00BF, U+00FF (Latin-1), U+0175, U+0133 (Latin Extended-A)
    assert not set(unused) & set(bundle.main.decode("utf-8"))
    cmap = TTFont(io.BytesIO(files["fira-sans-regular.woff2"])).getBestCmap()
    assert all(ord(c) in cmap for c in unused)
