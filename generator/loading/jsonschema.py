"""Publish the content format as JSON Schema, so editors autocomplete and validate YAML.

``python -m generator.loading.jsonschema [DIR]`` (re)writes ``content/schema/*.schema.json``.
The schema is generated from :mod:`generator.loading.schema`; a test fails when the committed
files drift from the model.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.loading.schema import ClinicFile, ConditionFile, Labels, LanguageFile, Model

SCHEMAS: dict[str, tuple[type[Model], str]] = {
    "condition": (ConditionFile, "leafdeck condition (condition.yaml)"),
    "language": (LanguageFile, "leafdeck condition texts in one language (<lang>.yaml)"),
    "clinic": (ClinicFile, "leafdeck clinic (content/clinics/<id>.yaml)"),
    "labels": (Labels, "leafdeck output labels in one language (content/labels/<lang>.yaml)"),
}


def schemas() -> dict[str, str]:
    """File name -> JSON text of every schema, stable for comparison."""
    out = {}
    for name, (model, title) in SCHEMAS.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("content/schema")
    for path in write(target):
        print(f"wrote {path}")
