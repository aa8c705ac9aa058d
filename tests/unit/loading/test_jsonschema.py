"""The published JSON Schema matches the model and accepts the shipped content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.diagnostics import Diagnostics
from generator.loading.jsonschema import schemas
from generator.loading.yaml_source import load_yaml, strip_positions
from support.content import ROOT

SCHEMA_DIR = ROOT / "content" / "schema"


def _as_json(value):
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _data(path: Path):
    loaded = load_yaml(path, str(path), Diagnostics())
    return _as_json(strip_positions(loaded.data))


def _validator(name: str) -> Draft202012Validator:
    import json

    return Draft202012Validator(json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", sorted(schemas()))
def test_committed_schema_is_up_to_date(name):
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == schemas()[name], f"content/schema/{name} is stale: run `make schema`"


def _files():
    yield from (("condition", p) for p in sorted(ROOT.glob("content/*/condition.yaml")))
    yield from (
        ("language", p)
        for p in sorted(ROOT.glob("content/*/*.yaml"))
        if p.name != "condition.yaml" and p.parent.name not in ("clinics", "labels")
    )
    yield from (("clinic", p) for p in sorted(ROOT.glob("content/clinics/*.yaml")))
    yield from (("labels", p) for p in sorted(ROOT.glob("content/labels/*.yaml")))


@pytest.mark.parametrize("kind,path", list(_files()), ids=lambda v: v if isinstance(v, str) else v.name)
def test_shipped_content_passes_the_schema(kind, path):
    errors = sorted(_validator(kind).iter_errors(_data(path)), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_schema_rejects_what_the_loader_rejects():
    validator = _validator("language")
    data = _data(ROOT / "content/heel-spur/nb.yaml")
    data["subtitel"] = data.pop("subtitle")
    data["sections"][0]["callout"] = "no"
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "subtitel" in messages and "'subtitle' is a required property" in messages
    assert "'no' is not of type 'boolean'" in messages
