"""What the content says, read straight from its YAML with ruamel's safe loader: the expected values of
the tests that hold the products to the content, independent of leafdeck's loader and document
builder (a fact shifted or dropped there cannot shift the expectation with it)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML


@cache
def read(path: Path) -> dict:
    return YAML(typ="safe").load(Path(path).read_text(encoding="utf-8-sig"))


def plain(text: str) -> str:
    """A content text as a reader sees it: emphasis markers gone, whitespace folded."""
    return " ".join(re.sub(r"(?<!\\)\*{1,3}", "", str(text)).replace("\\*", "*").split())


def condition(content: Path, condition_id: str) -> dict:
    return read(Path(content) / condition_id / "condition.yaml")


def texts(content: Path, condition_id: str, lang: str) -> dict:
    return read(Path(content) / condition_id / f"{lang}.yaml")


def labels(content: Path, lang: str) -> dict:
    return read(Path(content) / "labels" / f"{lang}.yaml")


def treatments(content: Path, condition_id: str, lang: str, audience: str = "patient") -> list[dict]:
    """Each treatment in the table's order (condition.yaml), with its name and its texts for ``audience``
    and the citations of its sources."""
    facts = condition(content, condition_id)
    words = {t["id"]: t for t in texts(content, condition_id, lang)["treatments"]}
    citations = {s["id"]: s["citation"] for s in facts.get("sources", [])}
    found = []
    for ref in facts["treatments"]:
        own = words[ref["id"]]
        found.append(
            {
                "id": ref["id"],
                "name": plain(own["name"]),
                "step": ref.get("step"),
                **{k: (plain(v) if isinstance(v, str) else [plain(i) for i in v]) for k, v in own[audience].items()},
                "citations": [citations[s] for s in ref.get("sources", [])],
            }
        )
    return found


def conditions(content: Path) -> list[tuple[str, str]]:
    """(condition id, language) of every text in the content folder."""
    return [
        (folder.name, lang)
        for folder in sorted(Path(content).iterdir())
        if (folder / "condition.yaml").is_file()
        for lang in condition(content, folder.name)["languages"]
    ]


def pathway(content: Path, condition_id: str, lang: str, audience: str = "clinician") -> list[str] | None:
    """The steps of the first ``steps:`` block of ``audience``, or None."""
    for section in texts(content, condition_id, lang)["sections"]:
        for block in section.get(audience) or []:
            if "steps" in block:
                return [plain(step) for step in block["steps"]]
    return None
