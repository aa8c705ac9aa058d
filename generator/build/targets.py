"""What to build: every requested output, found from folder names and each condition's
languages (``build.index``), and the shards."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.build.index import Index
from generator.build.manifest import Manifest, Target
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


def targets(options: Options, index: Index | None = None) -> list[Target]:
    """Every requested output, from the folder names and each condition's ``languages:`` (from the
    index, so YAML is parsed only for a condition file that changed)."""
    index = index if index is not None else Manifest(options.out_dir).index
    content = Path(options.content_dir)
    clinics = sorted(p.stem for p in (content / "clinics").glob("*.yaml")) if ALL in options.clinics \
        else list(options.clinics)
    found = []
    for clinic in clinics:
        for folder in sorted(p.parent for p in content.glob(f"*/{CONDITION_FILE}")):
            if options.conditions and folder.name not in options.conditions:
                continue
            listed = index.facts(folder / CONDITION_FILE).languages
            # Unreadable: every language file is tried, and the loader reports the mistake at its line.
            languages = listed if listed is not None else \
                sorted(p.stem for p in folder.glob("*.yaml") if p.name != CONDITION_FILE)
            for lang in languages:
                if options.languages and lang not in options.languages:
                    continue
                for variant in variants(options.products, options.paper):
                    path = output_path(options.out_dir, clinic, folder.name, lang, variant)
                    target = Target(clinic, folder.name, lang, variant, path)
                    if in_shard(target.key, options.shard):
                        found.append(target)
    return found
