"""The leaflet's and the deck's tables hold the same treatments (generator/checks/consistency.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from generator.checks.consistency import check_consistency as _consistency
from generator.diagnostics import Diagnostics
from support.content import TODAY, line_of


def test_tables_of_leaflet_and_deck_must_agree(project):
    from generator.pipeline.plan import plan
    from generator.pipeline.targets import Options

    options = Options(
        content_dir=project / "content",
        languages=("nb",),
        products=("leaflet", "deck"),
        today=dt.date.fromisoformat(TODAY),
    )
    planned, _ = plan(options, Diagnostics())
    diagnostics = Diagnostics()
    documents = [p.document for p in planned]
    _consistency(documents, diagnostics)
    assert not diagnostics.errors
    leaflet = documents[0]
    fewer = dataclasses.replace(leaflet.table, rows=leaflet.table.rows[:1])
    documents[0] = dataclasses.replace(leaflet, table=fewer)
    _consistency(documents, diagnostics)
    assert [d.message for d in diagnostics.errors] == ["treatment 'pills' is in one table but not in the leaflet's"]


def _documents(project, languages=("nb",)):
    """The leaflet's (patient) and the deck's (clinician) Documents of the small content, as planned."""
    from generator.pipeline.plan import plan
    from generator.pipeline.targets import Options

    options = Options(
        content_dir=project / "content",
        languages=languages,
        products=("leaflet", "deck"),
        today=dt.date.fromisoformat(TODAY),
    )
    planned, _ = plan(options, Diagnostics())
    return {(p.document.language, p.document.audience.value): p.document for p in planned}


def _without(doc, key: str):
    """``doc`` with the treatment ``key`` taken out of its comparison table."""
    rows = tuple(row for row in doc.table.rows if row.key != key)
    return dataclasses.replace(doc, table=dataclasses.replace(doc.table, rows=rows))


def test_a_treatment_missing_from_the_deck_is_named_as_missing_from_the_deck(project):
    """A treatment the leaflet has and the deck lacks is reported as missing from the *deck*: an
    editor told "the leaflet's" would look in the wrong place. (Kills mutants 16 and 17, which
    change the word 'deck'.)"""
    docs = _documents(project)
    diagnostics = Diagnostics()
    _consistency([docs["nb", "patient"], _without(docs["nb", "clinician"], "pills")], diagnostics)
    assert [d.message for d in diagnostics.errors] == ["treatment 'pills' is in one table but not in the deck's"]


def test_the_error_points_at_the_treatment_and_says_what_to_do(project):
    """The error stands at the treatment's own line of the language file (nb.yaml, `- id: pills`)
    and carries the hint to give it both texts: without them the editor gets an error with no place
    to go and no advice. (Kills mutant 20, location None, and 22, 25, 26, 27, hint lost or garbled.)"""
    docs = _documents(project)
    diagnostics = Diagnostics()
    _consistency([docs["nb", "patient"], _without(docs["nb", "clinician"], "pills")], diagnostics)
    [error] = diagnostics.errors
    nb_yaml = project / "content/tiny/nb.yaml"
    assert Path(error.location.file).resolve() == nb_yaml.resolve()
    assert error.location.line == line_of(nb_yaml, "- id: pills")
    assert error.hint == "give it both patient: and clinician: texts"


def test_each_language_is_compared_with_its_own_tables(project):
    """The English leaflet lacking a treatment is an error even though the Norwegian tables agree:
    the tables are compared per condition *and language*, so a gap in one translation is not hidden
    by another. (Kills mutant 6, which puts every document under one key.)"""
    docs = _documents(project, languages=("nb", "en"))
    documents = [docs["nb", "patient"], docs["nb", "clinician"], _without(docs["en", "patient"], "rest")]
    documents.append(docs["en", "clinician"])
    diagnostics = Diagnostics()
    _consistency(documents, diagnostics)
    assert [d.message for d in diagnostics.errors] == ["treatment 'rest' is in one table but not in the leaflet's"]
    assert Path(diagnostics.errors[0].location.file).name == "en.yaml"


def test_a_language_with_only_one_table_does_not_end_the_check(project):
    """A language built with only a leaflet (nothing to compare) is skipped, and the languages after
    it are still compared: a gap in the English tables is found although the Norwegian text, first,
    has no deck. (Kills mutant 12, `continue` -> `break`.)"""
    docs = _documents(project, languages=("nb", "en"))
    documents = [docs["nb", "patient"], _without(docs["en", "patient"], "pills"), docs["en", "clinician"]]
    diagnostics = Diagnostics()
    _consistency(documents, diagnostics)
    assert [d.message for d in diagnostics.errors] == ["treatment 'pills' is in one table but not in the leaflet's"]
