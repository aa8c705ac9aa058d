"""What discovery and freshness need from a condition or clinic file, read by the real YAML parser
and remembered by the file's digest, so a run with nothing to do reads bytes and parses nothing.

The facts: a condition's ``languages:``, ``source_language``, its ``next_review`` date and the image files it names; a
clinic's logo; a labels file's language tag and name (what links between language versions show).
They live in the manifest's ``index`` beside the outputs. A file whose digest is not in the index
(new, edited, or the manifest gone) is parsed with leafdeck's YAML reader — that file changed, so
its outputs are rebuilt and the parse costs nothing extra. A file the parser refuses
gives no facts: every ``<lang>.yaml`` counts as a language, every image as named and the review as
unknown, so its outputs are attempted and the loader reports the mistake with its line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.assets import cache, files
from generator.diagnostics import Diagnostics


@dataclass(frozen=True)
class Facts:
    languages: tuple[str, ...] | None = None  # None: not readable as a list of codes
    next_review: str | None = None  # ISO date, None: unknown
    images: tuple[str, ...] | None = None  # image files named; None: unknown (count every image)
    language: tuple[str, ...] | None = None  # a labels file's (language_tag, language_name)
    source_language: str | None = None  # a condition's; None: unknown

    def overdue(self, today: dt.date) -> bool | None:
        if self.next_review is None:
            return None
        try:
            return today > dt.date.fromisoformat(self.next_review)
        except ValueError:
            return None


class Index:
    """Facts per file, by digest; ``entries`` is what the manifest stores."""

    def __init__(self, entries: dict[str, Any] | None = None):
        self.entries: dict[str, dict] = {k: v for k, v in (entries or {}).items() if isinstance(v, dict)}
        self.changed = False

    def facts(self, path: Path, root: Path) -> Facts:
        """The facts of ``path``, a file inside the content folder ``root``; filed under its path
        relative to ``root``, so the manifest names no folder of the computer it was built on."""
        try:
            data = files.read(path, root, files.Limit.YAML)
        except (OSError, files.Refused):
            return Facts()  # the loader reports why
        key, digest = _key(path, root), hashlib.sha256(data).hexdigest()
        known = self.entries.get(key)
        if known and known.get("sha256") == digest:
            return _facts_from(known)
        facts = _facts_from(
            json.loads(cache.cached("facts", (_code(), path.parent.name, data), lambda: _parsed(data, path)))
        )
        self.entries[key] = {"sha256": digest, **asdict(facts)}
        self.changed = True
        return facts


def _key(path: Path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


CONDITION_FILE = "condition.yaml"


def catalogue(content_dir: Path, index: Index) -> list[tuple[Path, tuple[str, ...]]]:
    """Every condition folder with its languages, from the folder names and each condition's
    ``languages:``. Unreadable: every ``<lang>.yaml`` counts, and the loader names the mistake."""
    found = []
    for folder in sorted(p.parent for p in Path(content_dir).glob(f"*/{CONDITION_FILE}")):
        listed = index.facts(folder / CONDITION_FILE, Path(content_dir)).languages
        languages = (
            listed
            if listed is not None
            else tuple(sorted(p.stem for p in folder.glob("*.yaml") if p.name != CONDITION_FILE))
        )
        found.append((folder, languages))
    return found


def _strings(value) -> tuple[str, ...] | None:
    """A list of texts as a tuple; None for anything else (the fact is then unknown)."""
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _facts_from(entry: dict) -> Facts:
    review = entry.get("next_review")
    return Facts(
        _strings(entry.get("languages")),
        review if isinstance(review, str) else None,
        _strings(entry.get("images")),
        _strings(entry.get("language")),
        source if isinstance(source := entry.get("source_language"), str) else None,
    )


def _parsed(data: bytes, path: Path) -> bytes:
    """A file's facts as the disk cache keeps them (issue 26: a build into a new folder parses nothing again)."""
    return json.dumps(asdict(_parse(data, path))).encode("utf-8")


@lru_cache(maxsize=1)
def _code() -> str:
    """What cached facts depend on: this module and the YAML reader."""
    here = Path(__file__)
    sources = (here, here.parents[1] / "loading" / "yaml_source.py")
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()


def _parse(raw: bytes, path: Path) -> Facts:
    from generator.loading.yaml_source import parse_yaml, strip_positions  # noqa: PLC0415 - heavy: ruamel.yaml, parsed only for a file that changed

    loaded = parse_yaml(raw, path, str(path), Diagnostics())
    data = strip_positions(loaded.data) if loaded is not None else None
    if not isinstance(data, dict):
        return Facts()
    if path.parent.name == "labels":
        return Facts(language=_strings([data.get("language_tag"), data.get("language_name")]))
    if path.parent.name == "clinics":
        logo = data.get("logo")
        return Facts(images=(logo,) if isinstance(logo, str) else ())
    review = data.get("review")
    next_review = review.get("next_review") if isinstance(review, dict) else None
    if isinstance(next_review, dt.date):
        next_review = next_review.isoformat()
    images = data.get("images")
    files = (
        [item.get("file") if isinstance(item, dict) else None for item in images] if isinstance(images, list) else None
    )
    source = data.get("source_language")
    return Facts(
        _strings(data.get("languages")),
        next_review if isinstance(next_review, str) else None,
        _strings(files),
        source_language=source if isinstance(source, str) else None,
    )
