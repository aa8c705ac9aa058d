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


def sections(content: Path, condition_id: str, lang: str, audience: str = "patient") -> list[dict]:
    """The sections ``audience`` reads, in order: title, whether the brochure carries it, and its blocks
    as written (``p``, ``list``, ``steps``, ``figure``...). Sections without blocks for ``audience`` are left out."""
    found = []
    for section in texts(content, condition_id, lang)["sections"]:
        blocks = section.get(audience) or []
        if blocks:
            title = section["title"] if audience == "patient" else section.get("clinician_title", section["title"])
            found.append({"title": plain(title), "brochure": section.get("brochure", True), "blocks": blocks})
    return found


def figure_alts(
    content: Path, condition_id: str, lang: str, audience: str = "patient", cover: bool = True
) -> list[str]:
    """The alt text of every picture a PDF for ``audience`` prints: the cover, then each ``figure:`` block
    (the README: a picture is printed once per PDF, so a section naming the cover does not repeat it)."""
    images = texts(content, condition_id, lang).get("images") or {}
    shown = [condition(content, condition_id).get("cover") if cover else None]
    for section in sections(content, condition_id, lang, audience):
        shown += [block["figure"] for block in section["blocks"] if "figure" in block]
    return [plain(images[i]["alt"]) for i in dict.fromkeys(shown) if i]


def clinic(content: Path, clinic_id: str) -> dict:
    return read(Path(content) / "clinics" / f"{clinic_id}.yaml")


def web_address(content: Path, clinic_id: str, condition_id: str, lang: str) -> str | None:
    """The clinic's page for this condition and language, as written with its placeholders filled in."""
    web = clinic(content, clinic_id).get("web")
    return web.replace("{condition}", condition_id).replace("{lang}", lang) if web else None


def draft(content: Path, condition_id: str, lang: str, today: str) -> bool:
    """The README's rule: DRAFT while ``review.status`` is draft, once ``next_review`` has passed on
    ``today``, or while any text of this language or the condition is marked ``needs_review``."""
    facts = condition(content, condition_id)
    review = facts["review"]
    noted = "needs_review" in (Path(content) / condition_id / f"{lang}.yaml").read_text(encoding="utf-8-sig")
    noted |= "needs_review" in (Path(content) / condition_id / "condition.yaml").read_text(encoding="utf-8-sig")
    return review["status"] == "draft" or str(review["next_review"]) < today or noted


def right_to_left(content: Path, lang: str) -> bool:
    """Whether ``lang`` is written right to left, by the Unicode data of its name in its own letters (the
    labels' ``language_name``), read with fontTools, not leafdeck."""
    import unicodedata

    from fontTools import unicodedata as ucd

    name = labels(content, lang)["language_name"]
    scripts = {ucd.script(c) for c in name if unicodedata.category(c).startswith("L")}
    return any(ucd.script_horizontal_direction(s, "LTR") == "RTL" for s in scripts)
