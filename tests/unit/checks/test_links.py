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
