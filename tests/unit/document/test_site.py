"""A clinic's site index (generator/document/site.py): its conditions in one language, or all
languages for the front page, each entry saying whether its page is a draft."""

from __future__ import annotations

import datetime as dt

from generator.document.site import compose_site_index
from generator.loading.content import load_content
from support.content import TODAY, edit


def _index(project, language: str):
    content = load_content(project / "content", project / "images")
    return compose_site_index(
        content, content.clinics["default"], language, project / "images", dt.date.fromisoformat(TODAY)
    )


def test_one_language_lists_its_conditions_with_their_titles(project):
    index = _index(project, "nb")
    assert not index.front and [part.translation.language for part in index.languages] == ["nb"]
    [entry] = index.languages[0].entries
    assert (entry.condition_id, entry.title) == ("tiny", "Liten tilstand")
    assert {t.language for t in index.translations} == {"nb", "en"}


def test_the_front_page_lists_every_language(project):
    index = _index(project, "")
    assert index.front and [part.translation.language for part in index.languages] == ["en", "nb"]


def test_an_entry_of_a_draft_says_so(project):
    assert not _index(project, "nb").languages[0].entries[0].draft
    edit(project / "content/tiny/condition.yaml", "status: approved", "status: draft")
    assert _index(project, "nb").languages[0].entries[0].draft
