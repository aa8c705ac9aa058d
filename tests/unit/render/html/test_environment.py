"""The web pages' Jinja2 environment (generator/render/html/environment.py): a clinic's own templates
change what they name, a mistake is an error at its line, content reaches a template only as text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.content import (
    assert_no_traceback,
    edit,
    error_lines,
    page_template,
)
from support.tools import all_of, element_text, html_tree, site_pages

SITE = Path("output/default/site/tiny/nb")


PAGE = Path("output/default/site/tiny/nb/index.html")
MARKER = "pwned.txt"
TEMPLATES = {
    "a function's globals": "{{ lipsum.__globals__['os'].system('touch " + MARKER + "') }}",
    "a cycler's globals": "{{ cycler.__init__.__globals__.os.system('touch " + MARKER + "') }}",
    "the class hierarchy": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "a picture's file path": "{% for s in sections %}{% for b in s.blocks %}{% if b.kind == 'figure' %}"
    "{{ b.figure.path.read_text() }}{% endif %}{% endfor %}{% endfor %}",
    "changing the data": "{{ sections.append(1) }}",
    "a text too large for memory": "{{ 'x' * 1000000000 }}",
}


def test_a_clinic_template_changes_one_block(project, run):
    site = project / "content/site"
    site.mkdir(parents=True)
    (site / "base.html").write_text(
        '{% extends "leafdeck/base.html" %}\n{% block footer_extra %}<p class="own">Åpent 8–16</p>{% endblock %}\n',
        encoding="utf-8",
    )
    assert run(project).code == 0
    for page in site_pages(project / "output"):
        assert [element_text(p) for p in all_of(html_tree(page), "p") if p.get("class") == "own"] == ["Åpent 8–16"]
    # Only the pages depend on it.
    (site / "base.html").write_text(
        (site / "base.html").read_text(encoding="utf-8").replace("8–16", "8–15"), encoding="utf-8"
    )
    result = run(project)
    assert result.code == 0 and "built 5," in result.out, result.out


def test_a_clinic_template_for_one_clinic_only(project, run):
    shutil.copy(project / "content/clinics/default.yaml", project / "content/clinics/other.yaml")
    edit(project / "content/clinics/other.yaml", "id: default", "id: other")
    own = project / "content/site/other"
    own.mkdir(parents=True)
    (own / "base.html").write_text(
        '{% extends "leafdeck/base.html" %}{% block header_extra %}<p class="own">x</p>{% endblock %}', encoding="utf-8"
    )
    assert run(project, "--product", "page", "--clinic", "all").code == 0
    marked = {
        p.relative_to(project / "output").parts[0]
        for p in site_pages(project / "output")
        if any(e.get("class") == "own" for e in all_of(html_tree(p), "p"))
    }
    assert marked == {"other"}


def test_a_mistake_in_a_clinic_template_is_an_error_at_its_line_and_keeps_the_pages(project, run):
    assert run(project, "--product", "page").code == 0
    before = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file() and p.name != "manifest.json"}
    site = project / "content/site"
    site.mkdir()
    (site / "base.html").write_text(
        '{% extends "leafdeck/base.html" %}\n\n{% block footer_extra %}{{ nope.x }\n', encoding="utf-8"
    )
    result = run(project, "--product", "page")
    assert result.code == 1 and "Traceback" not in result.err
    assert "content/site/base.html:3: error: page: page template:" in result.err, result.err
    (site / "base.html").write_text(
        '{% extends "leafdeck/base.html" %}\n{% block footer_extra %}\n{{ no_such_name }}{% endblock %}\n',
        encoding="utf-8",
    )
    result = run(project, "--product", "page")
    assert (
        result.code == 1
        and "content/site/base.html:3: error: page: page template: 'no_such_name' is undefined" in result.err
    ), result.err
    after = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert after == before


def test_inline_text_is_escaped_and_only_emphasis_becomes_markup():
    from generator.document.inline import parse_inline
    from generator.render.html.environment import inline

    assert (
        str(inline(parse_inline('**fet** <script>x</script> & "q" *kursiv*')))
        == "<strong>fet</strong> &lt;script&gt;x&lt;/script&gt; &amp; &#34;q&#34; <em>kursiv</em>"
    )


@pytest.mark.parametrize("body", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_a_page_template_cannot_reach_python(project, run, body):
    page_template(project, body)
    for command in (["check"], ["--product", "page"]):
        result = run(project, *command, "--lang", "nb")
        assert_no_traceback(result)
        assert result.code == 1, result.err
        assert any(
            e.startswith("content/site/base.html:2: error: ") and "not allowed" in e for e in error_lines(result.err)
        ), result.err
        assert "hint: a page template may only show the names leafdeck gives it" in result.err
        assert not (project / MARKER).exists(), "the template ran a command"
    assert not (project / PAGE).exists()


def test_the_readme_example_template_still_works(project, run):
    page_template(project, '<p class="opening-hours">Open Monday–Friday 8–16</p>')
    result = run(project, "--product", "page", "--lang", "nb")
    assert result.code == 0, result.err
    header = all_of(html_tree(project / PAGE), "header")[0]
    assert "Open Monday–Friday 8–16" in element_text(header)
