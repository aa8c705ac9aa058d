"""Every internal link of the web site leads somewhere (generator/checks/links.py)."""

from __future__ import annotations


def test_check_reports_a_broken_link_in_a_clinic_template(project, run):
    site = project / "content/site"
    site.mkdir()
    (site / "base.html").write_text(
        '{% extends "leafdeck/base.html" %}{% block footer_extra %}'
        '<a href="../opening-hours.html">x</a> <a href="#nowhere">y</a> '
        '<a href="JavaScript:void(0)">z</a>{% endblock %}',
        encoding="utf-8",
    )
    result = run(project, "check", "--product", "page")
    assert result.code == 1
    assert "the link '../opening-hours.html' (line" in result.out + result.err
    assert "the link '#nowhere'" in result.out + result.err
    assert "the link 'JavaScript:void(0)'" in result.out + result.err
    (site / "base.html").write_text('{% extends "leafdeck/base.html" %}', encoding="utf-8")
    assert run(project, "check", "--product", "page").code == 0


def test_link_check_follows_files_fragments_css_and_srcset():
    from generator.checks.links import broken_links

    html = (
        '<style>@font-face { src: url("f.woff2") } .x { background: url(missing.png) }</style>\n'
        '<a href="#top">a</a><h1 id="top">t</h1>\n<img src="p-960.webp" srcset="p-480.webp 480w, gone.webp 960w">\n'
        '<a href="../en/index.html">en</a> <a href="../de/">de</a> <a href="https://example.org/x">out</a>\n'
        '<a href="tel:+4700">tel</a> <a href="#nope">n</a> <a href=" javascript:alert(1)">j</a>'
    )
    known = {"c/site/x/nb/f.woff2", "c/site/x/nb/p-960.webp", "c/site/x/nb/p-480.webp", "c/site/x/en/index.html"}
    assert broken_links(html, "c/site/x/nb/index.html", known) == [
        ("missing.png", 1),
        ("gone.webp", 3),
        ("../de/", 4),
        ("#nope", 5),
        (" javascript:alert(1)", 5),
    ]


def test_a_link_to_a_folder_leads_to_its_index_page():
    """`../en/` and `../en` are good links when the English index.html is built: a folder link opens
    its index page. Without this every "other language" link of a page would be reported broken.
    (Kills broken_links mutants 36, 37, 38, 39, which look for the wrong index file.)"""
    from generator.checks.links import broken_links

    html = '<a href="../en/">en</a> <a href="../en">en</a>'
    assert broken_links(html, "c/site/x/nb/index.html", {"c/site/x/en/index.html"}) == []


def test_words_outside_a_style_block_are_not_read_as_css():
    """Only the inside of <style> is CSS: text before the first tag, after a closing tag or after
    </style> that happens to read `url(...)` is words, not a link, and must not fail the build.
    (Kills _Links.__init__ mutant 6 and handle_endtag mutant 2, which start or leave "inside
    <style>" switched on.)"""
    from generator.checks.links import broken_links

    html = "url(a.png)<p><b>Bold</b> url(b.png)</p><style>.x { color: red }</style> url(c.png)"
    assert broken_links(html, "c/site/x/nb/index.html", set()) == []


def test_an_image_src_is_followed():
    """A picture whose `src` names no file is a broken image for the patient. (Kills
    handle_starttag mutants 12 and 13, which stop reading `src`.)"""
    from generator.checks.links import broken_links

    assert broken_links('<img src="gone.png" alt="">', "c/site/x/nb/index.html", set()) == [("gone.png", 1)]


def test_a_bare_attribute_does_not_hide_the_attributes_after_it():
    """`<script defer src=...>`: an attribute without a value (defer, hidden, download) is skipped,
    and the `src` after it is still checked. (Kills handle_starttag mutant 4, `continue` -> `break`.)"""
    from generator.checks.links import broken_links

    html = '<script defer src="gone.js"></script><a download href="gone.pdf">d</a>'
    assert broken_links(html, "c/site/x/nb/index.html", set()) == [("gone.js", 1), ("gone.pdf", 1)]


def test_css_links_keep_the_links_before_them_and_report_their_own_line():
    """A <style> after a link does not make the check forget that link, and a url() on the fourth
    line of the page is reported at line 4 (the style's text starts on line 2 and holds two line
    breaks before it: 2 + 2). (Kills handle_data mutant 3, `+=` -> `=`, and 7 and 9, wrong line.)"""
    from generator.checks.links import broken_links

    html = '<a href="gone.html">a</a>\n<style>\n.a { color: red }\n.b { background: url(gone.png) }\n</style>'
    assert broken_links(html, "c/site/x/nb/index.html", set()) == [("gone.html", 1), ("gone.png", 4)]


def test_links_after_a_javascript_link_are_still_checked():
    """A `javascript:` link is reported, and the links after it on the page are still followed.
    (Kills broken_links mutant 13, `continue` -> `break`.)"""
    from generator.checks.links import broken_links

    html = '<a href="javascript:void(0)">j</a> <a href="gone.html">g</a>'
    assert broken_links(html, "c/site/x/nb/index.html", set()) == [("javascript:void(0)", 1), ("gone.html", 1)]


def test_a_broken_link_is_reported_at_the_template_with_the_page_line_and_a_hint():
    """The error names the page and the line of the page, stands at the content file given for the
    page, and tells the editor what to do; a file written beside the page is a good link.
    (Kills check_site_links mutants 18, 21, 22, 23, which lose or garble the hint.)"""
    from generator.checks.links import PageFile, check_site_links
    from generator.diagnostics import Diagnostics, Location

    where = Location("content/site/base.html")
    html = '<p>x</p>\n<a href="gone.html">g</a> <img src="pic.webp" alt="">'
    page = PageFile("c/tiny/nb/index.html", html, ("pic.webp",), where)
    diagnostics = Diagnostics()
    check_site_links([page], set(), diagnostics)
    [error] = diagnostics.items
    assert error.location == where
    assert error.message == "web page c/tiny/nb/index.html: the link 'gone.html' (line 2 of the page) leads nowhere"
    assert error.hint == (
        "a link in a page template of content/site/ names a file the site does not have; correct or remove it"
    )
