"""The site's indexes (generator/render/html/site.py): they list the whole catalogue, so partial
builds and content errors leave them alone."""

from __future__ import annotations

from support.content import edit, line_of
from support.tools import element_text, html_tree


def test_pages_of_some_conditions_leave_the_site_index_alone(project, run):
    assert run(project, "--product", "page").code == 0
    index = project / "output/default/site/nb/index.html"
    stamp = index.stat().st_mtime_ns
    edit(project / "content/tiny/nb.yaml", "title: Liten tilstand", "title: Liten tilstand, endret")
    assert run(project, "--product", "page", "--condition", "tiny").code == 0
    assert index.stat().st_mtime_ns == stamp
    assert run(project, "--product", "page").code == 0
    assert "Liten tilstand, endret" in element_text(html_tree(index))


def test_content_errors_keep_the_site_index(project, run):
    assert run(project, "--product", "page").code == 0
    index = project / "output/default/site/nb/index.html"
    before = index.read_bytes()
    edit(project / "content/tiny/nb.yaml", "subtitle: En test", "subtitle: [En test")
    result = run(project, "--product", "page")
    assert (
        result.code == 1
        and f"content/tiny/nb.yaml:{line_of(project / 'content/tiny/nb.yaml', 'subtitle')}" in result.err
    )
    assert index.read_bytes() == before
