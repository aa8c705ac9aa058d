"""The web pages as a patient's browser shows them: Debian's Chromium, headless, opening the files
from disk as a clinic would before publishing them, with axe-core judging accessibility.

For every page and index of every shipped clinic: zero violations of the WCAG 2.0/2.1 A and AA
rules, also with the system in dark mode; at 320 CSS px (WCAG 1.4.10) no horizontal scrolling and
every comparison-table cell shows its column's header label in the card layout; at 1280 px the
table is a table. The skip link appears on the first Tab, focus is visible, the fonts load from
the folder itself, and the print stylesheet drops navigation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.browser import chromium, missing
from support.content import shipped, shipped_variants
from support.tools import site_pages

pytestmark = [pytest.mark.skipif(missing() is not None, reason=missing() or ""), pytest.mark.slow_reader]

VARIANTS = shipped_variants()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _page(out: Path, clinic: str, condition: str, lang: str) -> Path:
    return out / clinic / "site" / condition / lang / "index.html"


def _describe(violations: list[dict]) -> str:
    return "; ".join(f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations)


def test_no_wcag_a_or_aa_violations_on_any_page(outputs, browser):
    pages = site_pages(outputs)
    assert len(pages) >= len(VARIANTS)
    for page in pages:
        for scheme in ("light", "dark"):
            browser.open(page, 1280, 800, prefers_color_scheme=scheme)
            violations = browser.axe()
            assert not violations, f"{page} ({scheme}): {_describe(violations)}"
            browser.open(page, 375, 812, prefers_color_scheme=scheme)
            violations = browser.axe()
            assert not violations, f"{page} at 375 px ({scheme}): {_describe(violations)}"


CARD_LABELS = """
const table = document.querySelector('table');
const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
const problems = [];
for (const row of table.querySelectorAll('tbody tr:not(.group)')) {
  [...row.children].forEach((cell, i) => {
    const label = cell.querySelector('.label');
    const box = label && label.getBoundingClientRect();
    if (!label || box.width === 0 || box.height === 0 || getComputedStyle(label).visibility !== 'visible')
      problems.push(`row ${row.rowIndex} cell ${i}: no visible label`);
    else if (label.textContent.trim() !== headers[i])
      problems.push(`row ${row.rowIndex} cell ${i}: label '${label.textContent.trim()}' under '${headers[i]}'`);
    else if (box.left < 0 || box.right > window.innerWidth)
      problems.push(`row ${row.rowIndex} cell ${i}: label outside the screen`);
  });
}
return {problems, rows: table.querySelectorAll('tbody tr:not(.group)').length,
        display: getComputedStyle(table).display,
        labelsShown: [...table.querySelectorAll('.label')].filter(l => l.getBoundingClientRect().width > 0).length};
"""

OVERFLOW = """
const wide = [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .filter(e => !e.closest('.visually-hidden, thead, .skip-link'));
return {scroll: document.documentElement.scrollWidth, width: window.innerWidth,
        wide: wide.slice(0, 3).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))};
"""


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_narrow_screen_reflows_without_horizontal_scrolling_and_cards_keep_their_labels(
    outputs, browser, clinic, condition, lang
):
    page = _page(outputs, clinic, condition, lang)
    browser.open(page, 320, 640)
    overflow = browser.js(OVERFLOW)
    assert overflow["scroll"] <= overflow["width"] and not overflow["wide"], overflow
    cards = browser.js(CARD_LABELS)
    assert cards["rows"] > 0 and cards["display"] == "block"
    assert not cards["problems"], cards["problems"][:5]
    browser.open(page, 1280, 800)
    wide = browser.js(CARD_LABELS)
    assert wide["display"] == "table" and wide["labelsShown"] == 0, wide
    assert browser.js("return document.documentElement.scrollWidth") <= 1280


def test_indexes_fit_a_narrow_screen(outputs, browser):
    for page in (p for p in site_pages(outputs) if p.parent.parent.name == "site" or p.parent.name == "site"):
        browser.open(page, 320, 640)
        overflow = browser.js(OVERFLOW)
        assert overflow["scroll"] <= overflow["width"] and not overflow["wide"], (page, overflow)


def test_skip_link_appears_on_the_first_tab_and_focus_is_visible(outputs, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    clinic, condition, lang = VARIANTS[0]
    browser.open(_page(outputs, clinic, condition, lang), 375, 812)
    ActionChains(browser.driver).send_keys(Keys.TAB).perform()
    focused = browser.js(
        "const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);"
        "return {href: e.getAttribute('href'), top: r.top, bottom: r.bottom, width: r.width,"
        "outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth)};"
    )
    assert focused["href"] == "#main"
    assert 0 <= focused["top"] and focused["bottom"] <= 812 and focused["width"] > 0, focused
    assert focused["outline"] != "none" and focused["outlineWidth"] >= 2, focused
    ActionChains(browser.driver).send_keys(Keys.ENTER).perform()
    assert browser.js("return document.activeElement.id") == "main"


def test_fonts_load_from_the_page_folder_and_text_falls_back_without_them(outputs, browser):
    clinic, condition, lang = VARIANTS[0]
    page = _page(outputs, clinic, condition, lang)
    browser.open(page, 1280, 800)
    faces = browser.js("return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.weight + f.style)")
    assert {"400normal", "700normal"} <= set(faces), faces
    family = browser.js("return getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Fira Sans"') and "sans-serif" in family


def test_screenshots_show_the_clinic_colours_at_phone_and_desktop_size(outputs, browser, tmp_path):
    from PIL import Image

    for clinic in sorted(shipped().clinics):
        primary = shipped().clinics[clinic].colours.primary
        expected = tuple(int(primary[i : i + 2], 16) for i in (1, 3, 5))
        condition, lang = VARIANTS[0][1:]
        for width, height in ((375, 812), (1280, 800)):
            browser.open(_page(outputs, clinic, condition, lang), width, height)
            shot = tmp_path / f"{clinic}-{width}.png"
            browser.screenshot(shot, full=False)
            image = Image.open(shot).convert("RGB")
            assert image.size == (width, height)
            colours = {colour for _, colour in image.getcolors(maxcolors=width * height)}
            assert expected in colours, f"{clinic} at {width} px: no {primary} (header rule, headings) on screen"


def test_print_stylesheet_drops_navigation(outputs, browser):
    clinic, condition, lang = VARIANTS[0]
    browser.open(_page(outputs, clinic, condition, lang), 1280, 800)
    browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = browser.js("return [...document.querySelectorAll('nav, .skip-link')].map(e => getComputedStyle(e).display)")
    assert shown and set(shown) == {"none"}
    assert browser.js("return getComputedStyle(document.querySelector('main')).display") != "none"


def test_reduced_motion_turns_smooth_scrolling_off(outputs, browser):
    clinic, condition, lang = VARIANTS[0]
    page = _page(outputs, clinic, condition, lang)
    for preference, expected in (("no-preference", "smooth"), ("reduce", "auto")):
        browser.open(page, 1280, 800, prefers_reduced_motion=preference)
        assert browser.js("return getComputedStyle(document.documentElement).scrollBehavior") == expected
