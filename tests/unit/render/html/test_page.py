"""The patient web page of the small content, built in-process and parsed by html5lib: content text
stays text, the pathway is an ordered list, a deleted picture is written again."""

from __future__ import annotations

import json
from pathlib import Path

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
