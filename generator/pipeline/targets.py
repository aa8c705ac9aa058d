"""What to build: every requested output, found from folder names and each condition's
languages (``pipeline.index``), and the shards."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.kinds import DEFAULT_PRODUCTS, Product, Variant, variants
from generator.pipeline.index import CONDITION_FILE, Index, catalogue
from generator.pipeline.manifest import Manifest, Target
from generator.pipeline.output import output_path

__all__ = ["ALL", "CONDITION_FILE", "Options", "in_shard", "site_files", "site_indexes", "targets"]
ALL = "all"


@dataclass(frozen=True)
class Options:
    content_dir: Path = Path("content")
    images_dir: Path | None = None  # default: images/ beside the content folder
    out_dir: Path = Path("output")
    clinics: tuple[str, ...] = ("default",)  # or ("all",)
    conditions: tuple[str, ...] = ()  # empty = all
    languages: tuple[str, ...] = ()  # empty = all of each condition
    products: tuple[str, ...] = DEFAULT_PRODUCTS
    paper: str = "a4"
    template: Path | None = None  # the deck's PowerPoint template (.pptx/.potx); default: our own
    today: dt.date = field(default_factory=dt.date.today)
    shard: tuple[int, int] = (1, 1)  # (I, N): build only the I-th of N deterministic parts
    jobs: int = 1  # processes rendering in parallel
    force: bool = False  # rebuild even what is fresh
    changes_since: str | None = None  # the decks open with what is new since the approval of this date or version

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
    clinics = (
        sorted(p.stem for p in (content / "clinics").glob("*.yaml"))
        if ALL in options.clinics
        else list(options.clinics)
    )
    conditions = [
        (folder, languages)
        for folder, languages in catalogue(content, index)
        if not options.conditions or folder.name in options.conditions
    ]
    found = []
    for clinic in clinics:
        pages = []
        for folder, languages in conditions:
            for lang in languages:
                if options.languages and lang not in options.languages:
                    continue
                for variant in variants(options.products, options.paper):
                    path = output_path(options.out_dir, clinic, folder.name, lang, variant)
                    target = Target(clinic, folder.name, lang, variant, path)
                    if variant.product is Product.PAGE:
                        pages.append(target)
                    if in_shard(target.key, options.shard):
                        found.append(target)
        found += [t for t in site_indexes(clinic, pages, options) if in_shard(t.key, options.shard)]
    return found


def site_indexes(clinic: str, pages: list[Target], options: Options) -> list[Target]:
    """The clinic's site index in every language its pages are in, and the site's front page
    (``language`` empty) listing them all. An index lists the whole catalogue, so a build of some
    conditions (``--condition``) leaves the indexes alone, and one of some languages the front page."""
    if not pages or options.conditions:
        return []
    variant = Variant(Product.SITE_INDEX)
    languages = ([] if options.languages else [""]) + sorted({t.language for t in pages})
    return [
        Target(clinic, "", lang, variant, output_path(options.out_dir, clinic, "", lang, variant)) for lang in languages
    ]


def site_files(options: Options, index: Index | None = None) -> set[str]:
    """Every page and index a full build of the selected clinics writes (paths below the output
    folder): what a page may link to, whichever of them is being laid out. ``index``: the
    condition facts already read (default: the manifest's)."""
    everything = dataclasses.replace(options, conditions=(), languages=(), products=("page",), shard=(1, 1))
    return {t.key for t in targets(everything, index)}
