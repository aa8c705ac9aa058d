"""What was built from what: input fingerprints, the output manifest and the skip decision.

Every output has a fingerprint: a SHA-256 over the generator's own code and library versions, the
bytes of every input file it can depend on (its condition's files, the language's labels, the
clinic, the images its condition and clinic name, the deck template) and the options that shape
it. The manifest in the output folder (``manifest.json``) records, per file, its SHA-256, the
content version and that fingerprint, so a clinic can tell which printed version a patient holds,
and a rebuild can skip an output whose fingerprint and bytes are unchanged. Computing all this
reads files; it parses a condition or clinic file only when its digest is not in the manifest's
index (``pipeline.index``), and never imports reportlab or python-pptx, so a no-op run stays fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import sysconfig
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator import __version__
from generator.assets import cache, files
from generator.kinds import Product, Variant
from generator.loading.approvals import FILE as APPROVALS
from generator.loading.translated_from import lock_path
from generator.pipeline.index import CONDITION_FILE, Index, catalogue
from generator.pipeline.output import relative_output, write_atomic

MANIFEST = "manifest.json"
_LIBRARIES = (
    "reportlab",
    "python-pptx",
    "pillow",
    "pyphen",
    "fontpkg-fira-sans",
    "fontpkg-arimo",
    "pikepdf",
    "markdown-it-py",
    "ruamel.yaml",
    "pydantic",
    "jinja2",
    "fonttools",
    "brotli",
)
_CODE = Path(__file__).resolve().parents[1]  # the whole generator package


@dataclass(frozen=True)
class Target:
    """One output file to build: which clinic, condition, language and variant, and where."""

    clinic: str
    condition: str
    language: str
    variant: Variant
    path: Path

    @property
    def key(self) -> str:
        """The path below the output folder, with forward slashes: the manifest's key."""
        return relative_output(self.clinic, self.condition, self.language, self.variant)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator itself: its source, templates and the versions of the libraries it drives. Kept on disk
    under the files' sizes and modification times and the installed packages' folder (issue 26: reading every
    source and the libraries' metadata was a fifth of a no-op run); any edit or install computes it again."""
    sources = sorted(
        p for p in _CODE.rglob("*") if p.is_file() and p.suffix in (".py", ".pptx", ".yaml", ".html", ".css")
    )
    stamp = [__version__, sys.prefix]
    for folder in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        stamp.append(f"{folder}:{os.stat(folder).st_mtime_ns}" if os.path.isdir(folder) else folder)
    for path in sources:
        status = path.stat()
        stamp.append(f"{path.relative_to(_CODE).as_posix()}:{status.st_size}:{status.st_mtime_ns}")
    return cache.cached("code", tuple(stamp), lambda: _code_digest(sources).encode()).decode()


def _code_digest(sources: list[Path]) -> str:
    from importlib import metadata  # noqa: PLC0415 - only when the code or the libraries changed

    h = hashlib.sha256(__version__.encode())
    for path in sources:
        h.update(path.relative_to(_CODE).as_posix().encode())
        h.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    return h.hexdigest()


class Fingerprints:
    """Fingerprints of targets, reading each input file once per run."""

    def __init__(
        self,
        content_dir: Path,
        images_dir: Path,
        template: Path | None,
        settings: dict,
        today: dt.date | None = None,
        index: Index | None = None,
    ):
        self.content_dir, self.images_dir, self.template = Path(content_dir), Path(images_dir), template
        self.settings, self.today = settings, today
        self.index = index if index is not None else Index()
        self._files: dict[Path, str] = {}
        self._image_files = _images(self.images_dir)  # walked once per run, not once per output
        self._conditions: list[tuple[Path, tuple[str, ...]]] | None = None

    def of(self, target: Target) -> str:
        h = hashlib.sha256(code_digest().encode())
        conditions = [target.condition] if target.condition else [f.name for f, _ in self._catalogue()]
        h.update(
            json.dumps(
                {
                    **self.settings,
                    "overdue": [self._overdue(c) for c in conditions],
                    "languages": self._language_names(target),
                    "product": target.variant.product,
                    "paper": target.variant.paper,
                    "print_shop": target.variant.print_shop,
                    "tagged": target.variant.tagged,
                },
                sort_keys=True,
            ).encode()
        )
        for path in self._inputs(target):
            h.update(str(path).encode())
            h.update(self._digest(path).encode())
        return h.hexdigest()

    def _overdue(self, condition: str) -> bool | str:
        """Whether the review date has passed (it puts DRAFT on every output). Only this, not the
        date itself, shapes an output, so a new day alone rebuilds nothing (an unreadable date: the
        date itself, so the output is rebuilt and the loader names the mistake)."""
        if self.today is None:
            return False
        overdue = self.index.facts(self.content_dir / condition / "condition.yaml", self.content_dir).overdue(
            self.today
        )
        return self.today.isoformat() if overdue is None else overdue

    def _catalogue(self) -> list[tuple[Path, tuple[str, ...]]]:
        if self._conditions is None:
            self._conditions = catalogue(self.content_dir, self.index)
        return self._conditions

    def _language_names(self, target: Target) -> dict[str, list[str] | str]:
        """The other language versions a page or index links to, by tag and name (their labels
        files' facts; a file whose facts cannot be read: its digest, so any edit rebuilds)."""
        if target.variant.product is Product.PAGE:
            languages = dict(self._catalogue()).get(self.content_dir / target.condition, ())
        elif target.variant.product is Product.SITE_INDEX:
            languages = tuple(sorted({lang for _, langs in self._catalogue() for lang in langs}))
        else:
            return {}
        names: dict[str, list[str] | str] = {}
        for lang in languages:
            labels = self.content_dir / "labels" / f"{lang}.yaml"
            facts = self.index.facts(labels, self.content_dir).language
            names[lang] = list(facts) if facts is not None else self._digest(labels)
        return names

    def _site_templates(self) -> list[Path]:
        """A clinic's own page templates (content/site/), which every page and index is drawn with."""
        return sorted(p for p in (self.content_dir / "site").rglob("*") if p.is_file())

    def _inputs(self, target: Target) -> list[Path]:
        content = self.content_dir
        if target.variant.product is Product.SITE_INDEX:
            return self._index_inputs(target)
        condition, clinic = content / target.condition / "condition.yaml", content / "clinics" / f"{target.clinic}.yaml"
        template = self.template if target.variant.product == "deck" else None  # a user's template
        # The other languages' files are checked against this one but do not change its output, except the
        # source language's: a text changed there since this translation was made shows in it (issue 24).
        files = [condition, content / target.condition / f"{target.language}.yaml"]
        files += self._translated_from(content / target.condition, target.language)
        files += self._approvals(content / target.condition)
        files += [content / "labels" / f"{target.language}.yaml", clinic]
        # The pictures this output can show: those its condition.yaml names, and the clinic's logo,
        # which a deck carries only on leafdeck's own template.
        files += self._images_named([condition] if template is not None else [condition, clinic])
        if template is not None:
            files.append(Path(template))
        if target.variant.product is Product.PAGE:
            files += self._site_templates()
        return files

    def _translated_from(self, folder: Path, language: str) -> list[Path]:
        """A translation's record of its source texts and the source language's file (every language's file
        while the source language is unknown); nothing for a language that has no record."""
        lock = lock_path(folder, language)
        if not lock.exists():
            return []
        source = self.index.facts(folder / CONDITION_FILE, self.content_dir).source_language
        if source is not None:
            return [lock, folder / f"{source}.yaml"]
        return [lock, *sorted(p for p in folder.glob("*.yaml") if p.name != CONDITION_FILE)]

    @staticmethod
    def _approvals(folder: Path) -> list[Path]:
        """A condition's approval records: they decide whether its outputs are DRAFT (issue 25)."""
        path = folder / APPROVALS
        return [path] if path.exists() else []

    def _index_inputs(self, target: Target) -> list[Path]:
        """A site index lists every condition in its language (the front page: in every language)."""
        content, clinic = self.content_dir, self.content_dir / "clinics" / f"{target.clinic}.yaml"
        files = [clinic, *self._images_named([clinic])]
        shown_languages: set[str] = set()
        for folder, langs in self._catalogue():
            shown = [lang for lang in langs if lang == target.language or not target.language]
            files += [folder / CONDITION_FILE, *(folder / f"{lang}.yaml" for lang in shown)] if shown else []
            files += self._approvals(folder) if shown else []  # an approval takes a page's DRAFT mark away
            shown_languages |= set(shown)
        # Its own language's words (the front page: every language's); the others' names come
        # with the settings (_language_names).
        files += [content / "labels" / f"{lang}.yaml" for lang in sorted(shown_languages)]
        return files + self._site_templates()

    def _images_named(self, sources: list[Path]) -> list[Path]:
        """The image files the condition (and clinic) files name, as the YAML parser reads them;
        every image when a file's images cannot be read."""
        named: set[str] = set()
        for source in sources:
            images = self.index.facts(source, self.content_dir).images
            if images is None:
                return [path for path, _ in self._image_files]
            named |= {_comparable(Path(name).as_posix()) for name in images}
        return [path for path, name in self._image_files if name in named]

    def _digest(self, path: Path) -> str:
        """The input's SHA-256, read under the content rule (generator.assets.files): a file that
        may not be read counts by its refusal, and the loader or renderer names the mistake."""
        if path not in self._files:
            root = next((folder for folder in (self.content_dir, self.images_dir) if path.is_relative_to(folder)), None)
            try:
                self._files[path] = hashlib.sha256(files.read(path, root, files.Limit.IMAGE)).hexdigest()
            except OSError:
                self._files[path] = "missing"
            except files.Refused as exc:
                self._files[path] = f"refused: {exc.problem}"
        return self._files[path]


def _images(folder: Path) -> list[tuple[Path, str]]:
    """Every file below ``folder`` with its path inside it, as _comparable() spells it."""
    if not folder.is_dir():
        return []
    return sorted((p, _comparable(p.relative_to(folder).as_posix())) for p in folder.rglob("*") if p.is_file())


def _comparable(text: str) -> str:
    """One spelling for a file name and the text naming it (macOS keeps names decomposed; its
    file systems and resolve() ignore case)."""
    return unicodedata.normalize("NFC", text).casefold()


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Manifest:
    """``<out>/manifest.json``: every output with its SHA-256, content version and fingerprint."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / MANIFEST
        self.files, index = self._read()
        self.index = Index(index)

    def _read(self) -> tuple[dict[str, dict], dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            files = {k: v for k, v in dict(data.get("files", {})).items() if isinstance(v, dict)}
            return files, dict(data.get("index", {}))
        except (OSError, ValueError, AttributeError, TypeError):
            return {}, {}

    def is_fresh(self, target: Target, fingerprint: str) -> bool:
        """The output exists, is the file the manifest describes, and was built from the same inputs."""
        entry = self.files.get(target.key)
        if not entry or entry.get("fingerprint") != fingerprint:
            return False
        beside = entry.get("files", {})  # a web page's fonts and pictures, by name
        try:
            return (
                os.path.getsize(target.path) == entry.get("bytes")
                and sha256_file(target.path) == entry.get("sha256")
                and isinstance(beside, dict)
                and all(sha256_file(target.path.parent / name) == digest for name, digest in beside.items())
            )
        except OSError:
            return False

    def record(self, updates: dict[str, dict]) -> None:
        """Merge ``updates`` (and what the index learnt) into the manifest on disk, under a lock:
        parallel builds both land."""
        if not updates and not self.index.changed:
            return
        if not updates:
            try:
                self._write({})
            except OSError:
                pass  # the index only saves parsing next time; the outputs' errors are reported
            return
        self._write(updates)

    def _write(self, updates: dict[str, dict]) -> None:
        from filelock import FileLock  # noqa: PLC0415 - 11 ms to import: only a build that writes takes the lock

        self.out_dir.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.out_dir / ".manifest.lock")):
            files, index = self._read()
            self.files = {**files, **updates}
            entries = {**index, **self.index.entries}
            body = {
                "generator": f"leafdeck {__version__}",
                "files": dict(sorted(self.files.items())),
                "index": dict(sorted(entries.items())),
            }
            write_atomic(self.path, (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def entry(
    target: Target, data: bytes, fingerprint: str, version: str, beside: tuple[tuple[str, bytes], ...] = ()
) -> dict:
    """The manifest's record of one output; ``beside``: the files written next to it (a page's assets)."""
    record = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "content_version": version,
        "fingerprint": fingerprint,
        "clinic": target.clinic,
        "condition": target.condition,
        "language": target.language,
        "product": target.variant.suffix,
    }
    if beside:
        record["files"] = {name: hashlib.sha256(body).hexdigest() for name, body in beside}
    return record
