"""The patient web page and its site, read back from the files a build wrote, by html5lib (the
HTML5 parsing algorithm of browsers) and the file system — not by leafdeck's own code.

For every shipped clinic x condition x language: the page parses without a single HTML5 error, has
one h1, headings in order, the landmarks, ``lang`` on <html>; every internal link and picture
leads to a file the site has; every indication, contraindication and course is in its treatment's
row of a real table with header cells; the JSON-LD carries the review dates; the folder is
self-contained and within the 150 KB budget. The browser's view (axe-core, narrow screens) is
tested in test_page_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support import facts
from support.content import CONTENT, TODAY, shipped, shipped_variants
from support.tools import all_of, element_text, html_tree, site_pages, tag

VARIANTS = shipped_variants()
BUDGET = 150 * 1024


def page_of(out: Path, clinic: str, condition: str, lang: str) -> Path:
    return out / clinic / "site" / condition / lang / "index.html"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def plain(inline) -> str:
    return "".join(span.text for span in inline)


@pytest.fixture(scope="module")
def pages(outputs) -> list[Path]:
    found = site_pages(outputs)
    expected = len(VARIANTS) + sum(1 + len({lang for _, lang in _languages()}) for _ in shipped().clinics)
    assert len(found) == expected, [str(p) for p in found]
    return found


def _languages():
    return [(c.condition.id, lang) for c in shipped().conditions for lang in c.condition.languages]


def test_every_page_and_index_parses_as_html5_without_errors(pages):
    for page in pages:
        tree = html_tree(page)
        assert tree.tag == tag("html") and tree.get("lang"), page
        assert len(all_of(tree, "h1")) == 1, page
        assert all_of(tree, "main") and all_of(tree, "header") and all_of(tree, "footer"), page
        assert all_of(tree, "title")[0].text.strip(), page


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_page_structure(outputs, clinic, condition, lang):
    page = page_of(outputs, clinic, condition, lang)
    tree = html_tree(page)
    words = facts.texts(CONTENT, condition, lang)
    sections = facts.sections(CONTENT, condition, lang)
    assert tree.get("lang") == facts.labels(CONTENT, lang)["language_tag"]
    assert element_text(all_of(tree, "h1")[0]) == facts.plain(words["title"])
    levels = [
        int(e.tag[-1]) for e in tree.iter() if isinstance(e.tag, str) and re.fullmatch(rf"{XHTML_RE}h[1-6]", e.tag)
    ]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), f"heading levels skip: {levels}"
    skip = all_of(tree, "a")[0]
    assert skip.get("href") == "#main" and any(e.get("id") == "main" for e in all_of(tree, "main"))
    # The contents list every section, in order, by a link to its heading's section.
    contents = [n for n in all_of(tree, "nav") if n.get("class") == "contents"]
    assert [element_text(a) for a in all_of(contents[0], "a")] == [s["title"] for s in sections]
    # Every picture has the content's alt text and a srcset; the callout is an aside with a heading.
    pictures = [i for i in all_of(tree, "img") if "picture-" in i.get("src", "")]
    assert sorted(" ".join(i.get("alt").split()) for i in pictures) == sorted(
        facts.figure_alts(CONTENT, condition, lang)
    )
    for img in pictures:
        assert img.get("srcset") and img.get("width") and img.get("height")
    callouts = [s for s in facts.texts(CONTENT, condition, lang)["sections"] if s.get("callout") and s.get("patient")]
    for section in callouts:
        title = facts.plain(section["title"])
        asides = [a for a in all_of(tree, "aside") if element_text(all_of(a, "h2")[0]) == title]
        assert asides, f"callout {title!r} is not an <aside> with its heading"
    steps = [b["steps"] for s in sections for b in s["blocks"] if "steps" in b]
    ordered = [o for o in all_of(tree, "ol") if o.get("class") == "steps"]
    assert len(ordered) == len(steps)
    for items, ol in zip(steps, ordered):
        assert [squeeze(element_text(li)) for li in all_of(ol, "li")] == [squeeze(facts.plain(i)) for i in items]


XHTML_RE = re.escape("{http://www.w3.org/1999/xhtml}")


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_the_table_is_a_real_table_with_the_labels_headers(outputs, clinic, condition, lang):
    """Headers and row headers as a screen reader needs them, named by the labels file; every item of
    every cell is read back against the YAML in tests/integration/test_boundaries.py."""

    labels = facts.labels(CONTENT, lang)
    tree = html_tree(page_of(outputs, clinic, condition, lang))
    [table] = all_of(tree, "table")
    assert element_text(all_of(table, "caption")[0]) == labels["comparison"]
    headers = [element_text(th) for th in all_of(all_of(table, "thead")[0], "th")]
    keys = ("treatment", "indications_patient", "contraindications_patient", "course")
    assert headers == [labels[key] for key in keys]
    assert all(th.get("scope") == "col" for th in all_of(all_of(table, "thead")[0], "th"))
    rows = [tr for tbody in all_of(table, "tbody") for tr in all_of(tbody, "tr") if tr.get("class") != "group"]
    assert len(rows) == len(facts.treatments(CONTENT, condition, lang))
    for tr in rows:
        cells = [c for c in tr if c.tag in (tag("th"), tag("td"))]
        assert cells[0].tag == tag("th") and cells[0].get("scope") == "row"


def _links(tree) -> list[str]:
    found = [e.get(a) for e in tree.iter() if isinstance(e.tag, str) for a in ("href", "src") if e.get(a)]
    found += [c.split()[0] for img in all_of(tree, "img") if img.get("srcset") for c in img.get("srcset").split(",")]
    for style in all_of(tree, "style"):
        found += [m.group(2) for m in re.finditer(r"""url\((['"]?)([^'")]+)\1\)""", style.text or "")]
    return found


def test_every_internal_link_and_file_resolves_and_nothing_comes_from_elsewhere(pages):
    for page in pages:
        tree = html_tree(page)
        ids = {e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")}
        for address in _links(tree):
            parts = urlsplit(address)
            if parts.scheme in ("http", "https", "mailto", "tel"):
                continue
            assert not parts.scheme and not parts.netloc, f"{page}: {address}"
            if not parts.path:
                assert unquote(parts.fragment) in ids, f"{page}: {address} names no id"
                continue
            assert (page.parent / unquote(parts.path)).resolve().is_file(), f"{page}: {address} leads nowhere"
        # Self-contained: nothing the page loads (pictures, styles, scripts, fonts) is on another server.
        loaded = [e.get("src") for e in tree.iter() if isinstance(e.tag, str) and e.get("src")]
        loaded += [e.get("href") for e in all_of(tree, "link") if e.get("rel") != "alternate"]
        assert not [a for a in loaded if urlsplit(a).scheme or urlsplit(a).netloc], page
        assert all(s.get("type") == "application/ld+json" for s in all_of(tree, "script")), "no JavaScript"


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_language_versions_link_each_other(outputs, clinic, condition, lang):
    page = page_of(outputs, clinic, condition, lang)
    tree = html_tree(page)
    languages = shipped().condition(condition).condition.languages
    alternates = {e.get("hreflang"): e.get("href") for e in all_of(tree, "link") if e.get("rel") == "alternate"}
    assert sorted(alternates) == sorted(shipped().labels[code].language_tag for code in languages)
    for tag_, href in alternates.items():
        other = html_tree((page.parent / href).resolve())
        assert other.get("lang") == tag_


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_json_ld_names_a_reviewed_medical_web_page(outputs, clinic, condition, lang):
    tree = html_tree(page_of(outputs, clinic, condition, lang))
    [script] = all_of(tree, "script")
    data = json.loads(script.text)
    review = shipped().condition(condition).condition.review
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["about"]["@type"] == "MedicalCondition" and data["audience"]["@type"] == "Patient"
    assert data["lastReviewed"] == review.last_reviewed.isoformat()
    assert data["datePublished"] == review.published.isoformat()
    assert data["inLanguage"] == shipped().labels[lang].language_tag
    reviewer = shipped().condition(condition).condition.clinical_reviewer
    assert ("reviewedBy" in data) == (reviewer is not None)


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_trust_block_and_draft_banner(outputs, clinic, condition, lang):
    tree = html_tree(page_of(outputs, clinic, condition, lang))
    written = facts.condition(CONTENT, condition)
    footer = element_text(all_of(tree, "footer")[0])
    review = written["review"]
    authors = [p["name"] for p in written["authors"] if p.get("role") == "author"] or [
        p["name"] for p in written["authors"]
    ]
    for fact in (
        facts.labels(CONTENT, lang)["about_this_page"],
        str(review["last_reviewed"]),
        str(review["next_review"]),
        str(review["published"]),
        written["organisation"]["name"],
        *authors,
    ):
        assert fact in footer
    for source in written["sources"]:
        assert squeeze(source["citation"]) in squeeze(footer)
    banners = [d for d in tree.iter(tag("div")) if d.get("class") == "draft-banner"]
    assert len(banners) == (1 if facts.draft(CONTENT, condition, lang, TODAY) else 0)


def test_page_with_its_picture_and_fonts_is_within_budget(pages):
    """What a phone fetches: the HTML, the faces it uses, the largest picture of each srcset, the logo."""
    for page in (p for p in pages if p.parent.parent.parent.name == "site"):
        tree = html_tree(page)
        html = page.read_text(encoding="utf-8")
        # The faces its stylesheet names (the italic only where there is emphasis); the other languages'
        # families, named for their links' few letters, count too.
        faces = re.findall(r'url\("([^"]+\.woff2)"\)', html)
        files = {f for f in faces if "-italic." not in f or "<em>" in html}
        assert any(f.endswith("-regular.woff2") for f in files), page
        for img in all_of(tree, "img"):
            candidates = [c.split()[0] for c in (img.get("srcset") or img.get("src")).split(",")]
            files.add(candidates[-1])
        total = page.stat().st_size + sum((page.parent / name).stat().st_size for name in files)
        assert total <= BUDGET, f"{page}: {total / 1024:.0f} KB"


def test_site_index_lists_every_condition_of_its_language(outputs):
    for clinic in shipped().clinics:
        site = outputs / clinic / "site"
        front = html_tree(site / "index.html")
        for code in {lang for _, lang in _languages()}:
            listed = html_tree(site / code / "index.html")
            hrefs = {a.get("href") for a in all_of(listed, "a")}
            for condition in (c for c, lang in _languages() if lang == code):
                assert f"../{condition}/{code}/index.html" in hrefs
                assert f"{condition}/{code}/index.html" in {a.get("href") for a in all_of(front, "a")}
            sections = [s for s in all_of(front, "section") if s.get("aria-labelledby") == f"topics-{code}"]
            assert sections and sections[0].get("lang", front.get("lang")) == shipped().labels[code].language_tag


# --- what the content and the clinic's templates can and cannot do -------------------------------

SITE = Path("output/default/site/tiny/nb")


# --- the pieces, without a build ------------------------------------------------------------------
