"""Approval records: the digest covers the clinical texts and facts, not the editorial ones; a record whose
digest is not its snapshot's is an error at its line."""

from __future__ import annotations

import datetime as dt
import json

from generator.diagnostics import Diagnostics, Location
from generator.loading import approvals

SNAPSHOT = {
    "texts": {"title": "T", "subtitle": "S", "treatment/x/patient/contraindications/1": "Sår", "section/a/title": "H"},
    "glossary": {},
    "facts": {"icd10": "M77.3"},
}


def _with(texts: dict) -> dict:
    return SNAPSHOT | {"texts": SNAPSHOT["texts"] | texts}


def test_an_editorial_change_keeps_the_digest_and_a_clinical_one_does_not():
    base = approvals.digest(SNAPSHOT)
    assert approvals.digest(_with({"subtitle": "S2", "section/a/title": "H2"})) == base
    assert approvals.digest(_with({"treatment/x/patient/contraindications/1": "Sår eller eksem"})) != base
    assert approvals.digest(SNAPSHOT | {"facts": {"icd10": "M77.4"}}) != base


def test_records_read_back_as_written_and_a_hand_edited_digest_is_an_error_at_its_line(tmp_path):
    here = Location("approvals.json")
    entries = [
        approvals.Approval(
            lang,
            "Dr. A",
            "overlege",
            dt.date(2026, 12, 5),
            "1.0",
            approvals.Kind.CLINICAL,
            None,
            approvals.digest(SNAPSHOT),
            SNAPSHOT,
            here,
        )
        for lang in ("nb", "en")
    ]
    (tmp_path / approvals.FILE).write_bytes(approvals.file_bytes(entries))
    diagnostics = Diagnostics()
    read = approvals.read(tmp_path, diagnostics)
    assert not diagnostics.items and [(a.language, a.digest) for a in read] == [(e.language, e.digest) for e in entries]
    data = json.loads((tmp_path / approvals.FILE).read_text(encoding="utf-8"))
    data["approvals"][1]["snapshot"]["texts"]["title"] = "Edited"  # the snapshot, not the digest: also refused
    written = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    (tmp_path / approvals.FILE).write_text(written, encoding="utf-8")
    diagnostics = Diagnostics()
    assert [a.language for a in approvals.read(tmp_path, diagnostics)] == ["nb"]
    second = [n for n, line in enumerate(written.splitlines(), 1) if line == "  {"][1]
    assert [(d.location.line, "edited by hand" in d.message) for d in diagnostics.errors] == [(second, True)]
