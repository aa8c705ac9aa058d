"""What a language's readers get, as one comparable record (issue 25): the snapshot an approval keeps and
the current text is compared with. Its texts are the translation units (a context of ids per text, so a
moved section is no change), plus the glossary and the condition's facts: ICD-10, the treatments' groups,
steps and sources, the sources' citations and the pictures' digests."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.assets.images import resolve_image
from generator.loading.model import ConditionContent
from generator.translation.units import units


def snapshot(content: ConditionContent, language: str, images_dir: Path) -> dict[str, Any]:
    condition, text = content.condition, content.texts[language]
    files = pictures(content, images_dir)
    digests = {a.id: _digest(files[a.id], *_stamp(files[a.id])) if a.id in files else None for a in condition.images}
    return {
        "texts": {unit.context: unit.text for unit in units(text)},
        "glossary": {entry.term: entry.explanation for entry in text.glossary},
        "facts": {
            "icd10": condition.icd10,
            "treatments": [
                {"id": t.id, "group": t.group, "step": t.step, "sources": list(t.sources)} for t in condition.treatments
            ],
            "sources": {s.id: s.citation for s in condition.sources},
            "pictures": digests,
            "cover": condition.cover,
        },
    }


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


@lru_cache(maxsize=256)
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    """A picture's digest, read once per file version (every document of a condition names the same ones)."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


KEPT = "approved-pictures"  # beside approvals.json: each approved picture's bytes, by digest


def kept_path(folder: Path, digest: str, suffix: str) -> Path:
    """Where ``approve`` keeps an approved picture, so a later redline can show it beside the new one."""
    return folder / KEPT / f"{digest.removeprefix('sha256:')}{suffix.lower()}"


def pictures(content: ConditionContent, images_dir: Path) -> dict[str, Path]:
    """The condition's pictures as files: {image id: path} (those that resolve)."""
    found = {}
    for asset in content.condition.images:
        path, _, _ = resolve_image(asset.file, images_dir)
        if path is not None:
            found[asset.id] = path
    return found
