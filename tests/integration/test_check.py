"""`generate.py check` over every shipped clinic, condition and language: no error, only the honest
warning per unreviewed condition, readable for patients, items awaiting review listed as notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.mark.shipped
def test_shipped_content_checks_clean(run):
    """Every clinic, condition and language: no errors; the only warning per unreviewed condition
    is the honest one; readable for patients; items awaiting review listed as notes."""
    from support.content import CONTENT, IMAGES, shipped

    code, report = _check_json(
        CONTENT.parent, "--content", str(CONTENT), "--images", str(IMAGES), "--clinic", "all", run=run
    )
    assert code == 0 and report["errors"] == 0, [d for d in report["diagnostics"] if d["severity"] == "error"]
    unreviewed = [c for c in shipped().conditions if c.condition.clinical_reviewer is None]
    assert [d["message"] for d in report["diagnostics"] if d["severity"] == "warning"] == [
        "no clinical reviewer is named; the outputs stay DRAFT"
    ] * len(unreviewed)
    for condition in shipped().conditions:
        for lang in condition.condition.languages:
            figures = report["readability"][f"{condition.condition.id} ({lang})"]
            if "lix" in figures:
                assert figures["lix"] <= 40, (condition.condition.id, lang, figures)
            elif "flesch" in figures:
                assert figures["flesch"] >= 60 and figures["grade"] <= 8, (condition.condition.id, lang, figures)
            else:  # no formula is defined for the language (README): none is made up
                assert figures == {} and lang not in ("nb", "nn", "en"), (condition.condition.id, lang, figures)
    # leaflet, brochure, deck, page per text; per clinic a site index per language and the front page
    languages = {lang for c in shipped().conditions for lang in c.condition.languages}
    expected_outputs = (sum(4 * len(c.condition.languages) for c in shipped().conditions) + 1 + len(languages)) * len(
        shipped().clinics
    )
    assert report["outputs"] == expected_outputs
    if any(c.texts[lang].sections for c in unreviewed for lang in c.texts):
        assert any(
            d["severity"] == "note" and "awaiting clinical review" in d["message"] for d in report["diagnostics"]
        )


def _check_json(project: Path, *args: str, run) -> tuple[int, dict]:
    result = run(project, "check", "--json", *args)
    return result.code, json.loads(result.out)
