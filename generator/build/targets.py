"""What to build: every requested output, found from file and folder names alone, and the shards.

No YAML is parsed here beyond each condition's ``languages:``, so a run with nothing to do stays fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.build.manifest import Target
from generator.build.output import output_path
from generator.products import DEFAULT_PRODUCTS, variants

CONDITION_FILE = "condition.yaml"
ALL = "all"


@dataclass(frozen=True)
class Options:
    content_dir: Path = Path("content")
    images_dir: Path | None = None          # default: images/ beside the content folder
    out_dir: Path = Path("output")
    clinics: tuple[str, ...] = ("default",)  # or ("all",)
    conditions: tuple[str, ...] = ()        # empty = all
    languages: tuple[str, ...] = ()         # empty = all of each condition
    products: tuple[str, ...] = DEFAULT_PRODUCTS
    paper: str = "a4"
    template: Path | None = None            # the deck's PowerPoint template (.pptx/.potx); default: our own
    today: dt.date = field(default_factory=dt.date.today)
    shard: tuple[int, int] = (1, 1)         # (I, N): build only the I-th of N deterministic parts
    jobs: int = 1                           # processes rendering in parallel
    force: bool = False                     # rebuild even what is fresh

    @property
    def images(self) -> Path:
        return self.images_dir if self.images_dir is not None else Path(self.content_dir).parent / "images"


def in_shard(key: str, shard: tuple[int, int]) -> bool:
    """Stable split by a hash of the output's path: the same file always lands in the same shard,
    whatever else is in the catalogue, so N runners together build every file exactly once."""
    index, count = shard
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % count == index - 1


def targets(options: Options) -> list[Target]:
    """Every requested output, found from file and folder names alone (no YAML is parsed)."""
    content = Path(options.content_dir)
    clinics = sorted(p.stem for p in (content / "clinics").glob("*.yaml")) if ALL in options.clinics \
        else list(options.clinics)
    found = []
    for clinic in clinics:
        for folder in sorted(p.parent for p in content.glob(f"*/{CONDITION_FILE}")):
            if options.conditions and folder.name not in options.conditions:
                continue
            languages = _listed_languages(folder)
            for lang in languages:
                if options.languages and lang not in options.languages:
                    continue
                for variant in variants(options.products, options.paper):
                    path = output_path(options.out_dir, clinic, folder.name, lang, variant)
                    target = Target(clinic, folder.name, lang, variant, path)
                    if in_shard(target.key, options.shard):
                        found.append(target)
    return found


_FLOW_LIST = re.compile(r"^languages:\s*\[([^\]]*)\]", re.MULTILINE)
_BLOCK_LIST = re.compile(r"^languages:[ \t]*(?:#.*)?\n((?:[ \t]+-[^\n]*\n?)+)", re.MULTILINE)


def _listed_languages(folder: Path) -> list[str]:
    """The ``languages:`` of condition.yaml, read with a pattern (no YAML parser on the fast path);
    if the line is written some other way, every ``<lang>.yaml`` in the folder."""
    try:
        text = (folder / CONDITION_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    flow, block = _FLOW_LIST.search(text), _BLOCK_LIST.search(text)
    if flow:
        items = flow[1].split(",")
    elif block:
        items = [line.split("-", 1)[1] for line in block[1].splitlines()]
    else:
        return sorted(p.stem for p in folder.glob("*.yaml") if p.name != CONDITION_FILE)
    return [i.split("#")[0].strip().strip("'\"") for i in items if i.split("#")[0].strip()]
