"""What discovery and freshness need from a content file (generator/pipeline/index.py): read by the
real YAML parser once per digest, filed under the path inside the content folder."""

from __future__ import annotations

from generator.pipeline import index as index_module
from generator.pipeline.index import Index, catalogue
from support.content import edit


def test_facts_of_a_condition_a_clinic_and_a_labels_file(project):
    content, index = project / "content", Index()
    tiny = index.facts(content / "tiny/condition.yaml", content)
    assert tiny.languages == ("nb", "en") and tiny.next_review == "2099-01-10" and tiny.images == ("circle.png",)
    assert index.facts(content / "clinics/default.yaml", content).images == ()
    assert index.facts(content / "labels/nb.yaml", content).language == ("nb-NO", "Norsk bokmål")


def test_entries_are_filed_by_the_path_inside_the_content_folder(project):
    content, index = project / "content", Index()
    index.facts(content / "tiny/condition.yaml", content)
    assert list(index.entries) == ["tiny/condition.yaml"]
    assert str(project) not in repr(index.entries)


def test_a_known_digest_is_not_parsed_again_and_an_edit_is(project, monkeypatch):
    content, index = project / "content", Index()
    index.facts(content / "tiny/condition.yaml", content)
    parsed = []
    real = index_module._parse
    monkeypatch.setattr(index_module, "_parse", lambda raw, path: parsed.append(path) or real(raw, path))
    again = Index(index.entries)
    assert again.facts(content / "tiny/condition.yaml", content).languages == ("nb", "en")
    assert parsed == [] and not again.changed
    edit(content / "tiny/condition.yaml", "languages: [nb, en]", "languages: [nb]")
    assert again.facts(content / "tiny/condition.yaml", content).languages == ("nb",) and again.changed


def test_an_unreadable_file_gives_no_facts_and_every_language_file_counts(project):
    content = project / "content"
    edit(content / "tiny/condition.yaml", "languages: [nb, en]", "languages: [nb, en")
    [(folder, languages)] = catalogue(content, Index())
    assert folder.name == "tiny" and languages == ("en", "nb")


def test_overdue_only_with_a_readable_date(project):
    import datetime as dt

    facts = Index().facts(project / "content/tiny/condition.yaml", project / "content")
    assert facts.overdue(dt.date(2099, 1, 10)) is False and facts.overdue(dt.date(2099, 1, 11)) is True
    assert type(facts)(next_review="not a date").overdue(dt.date(2026, 1, 1)) is None
