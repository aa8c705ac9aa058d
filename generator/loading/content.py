"""Find and load every content file: conditions, their translations, clinics and UI labels.

``load_content`` is the whole of stage 1 as the rest of the program sees it: it returns an
immutable :class:`Content` or raises :class:`ContentError` with every problem found (a partial
load leaves out, and names, the conditions with errors of their own).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TypeVar, cast

from pydantic import BaseModel, ValidationError

from generator.assets import cache
from generator.diagnostics import ContentError, Diagnostics, Location, display_path
from generator.loading import approvals
from generator.loading.errors import report_validation_error
from generator.loading.model import ConditionContent, Content
from generator.loading.schema import ClinicFile, ConditionFile, Labels, LanguageFile
from generator.loading.translated_from import lock_path, read_lock
from generator.loading.validate import check_clinic, check_condition, check_labels
from generator.loading.yaml_source import parse_yaml, read_source

M = TypeVar("M", bound=BaseModel)

CONDITION_FILE = "condition.yaml"


_PARSED: dict[
    tuple[str, str, str], tuple[bytes, BaseModel | None, list]
] = {}  # a long-running --watch re-parses edits only


def load_model(path: Path, model: type[M], diagnostics: Diagnostics, root: Path) -> M | None:
    """Parse and validate one YAML file inside ``root`` (the content folder) into ``model``;
    problems go to ``diagnostics``.

    Results are kept per process by file content, so a watcher that rebuilds after an edit
    parses only the file that changed (the models are immutable, so sharing them is safe).
    """
    display = display_path(path)
    data = read_source(path, display, diagnostics, root)
    if data is None:
        return None
    # The working directory is part of the key: messages and positions show paths relative to it.
    key = (str(Path(path).resolve()), model.__name__, str(Path.cwd()))
    cached = _PARSED.get(key)
    if cached is not None and cached[0] == data:
        diagnostics.items.extend(cached[2])
        return cast("M | None", cached[1])  # filed under (path, model.__name__)
    result, items = _parsed_on_disk(data, path, display, model)
    diagnostics.items.extend(items)
    _PARSED[key] = (data, result, list(items))
    return result


def _parsed_on_disk(data: bytes, path: Path, display: str, model: type[M]) -> tuple[M | None, list]:
    """The parsed and validated file, kept on disk by its bytes, name and the loader's code (issue 26): a fresh
    process reads what the last one parsed instead of running the pure-Python YAML parser again (~0.1 s a file).
    A damaged or stale entry is parsed again."""

    def parse() -> tuple[M | None, list]:
        own = Diagnostics()
        return parse_model(data, path, display, model, own), own.items

    return cache.cached_object("parsed", (_loader_digest(), model.__name__, display, data), parse)


@lru_cache(maxsize=1)
def _loader_digest() -> str:
    """What a cached parse depends on: the loader's code and the versions of pydantic and ruamel.yaml."""
    from importlib import metadata  # noqa: PLC0415

    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")) + [Path(__file__).parents[1] / "diagnostics.py"]:
        digest.update(source.read_bytes())
    for package in ("pydantic", "pydantic-core", "ruamel.yaml"):
        digest.update(metadata.version(package).encode())
    return digest.hexdigest()


def parse_model(data: bytes, path: Path, display: str, model: type[M], diagnostics: Diagnostics) -> M | None:
    """Parse and validate the bytes of a content file (also an earlier version of one, read from git)."""
    source = parse_yaml(data, path, display, diagnostics)
    if source is None:
        return None
    if not isinstance(source.data, dict):
        diagnostics.error(
            Location(source.display, 1, 1),
            "the file must be a mapping of 'key: value' lines",
            f"see content/schema/ for the keys of a {model.__name__} file",
        )
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        report_validation_error(exc, source, model, diagnostics)
        return None


def load_content(
    content_dir: Path,
    images_dir: Path,
    diagnostics: Diagnostics | None = None,
    partial: bool = False,
    clinics_wanted: tuple[str, ...] = (),
    conditions_wanted: tuple[str, ...] = (),
) -> Content:
    """Load and check everything under ``content_dir``. Raises ContentError listing all problems.

    With ``partial``, a condition whose own files have errors is left out (and named in
    ``Content.failed``) so the other conditions can still be built; errors in shared files
    (labels, the selected clinics) still stop everything, because every output depends on them.
    ``clinics_wanted`` / ``conditions_wanted`` (empty or "all" = every one) limit what is read, so
    a broken file nobody asked for stops nothing.
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    content_dir, images_dir = Path(content_dir), Path(images_dir)
    if not content_dir.is_dir():
        diagnostics.error(
            Location(display_path(content_dir)),
            "content folder not found",
            "pass the folder that holds the condition folders with --content",
        )
        raise ContentError(diagnostics)

    loaded: Labels | ClinicFile | ConditionContent | None
    labels = load_labels(content_dir, diagnostics)

    clinics: dict[str, ClinicFile] = {}
    for path in sorted((content_dir / "clinics").glob("*.yaml")):
        if clinics_wanted and "all" not in clinics_wanted and path.stem not in clinics_wanted:
            continue
        loaded = load_model(path, ClinicFile, diagnostics, content_dir)
        if loaded is not None and check_clinic(loaded, path, images_dir, diagnostics):
            clinics[loaded.id] = loaded

    conditions = []
    folders = sorted(p.parent for p in content_dir.glob(f"*/{CONDITION_FILE}"))
    if conditions_wanted:
        folders = [f for f in folders if f.name in conditions_wanted] or folders
    if not folders:
        diagnostics.error(
            Location(display_path(content_dir)),
            "no condition found",
            f"a condition is a folder with a {CONDITION_FILE}, e.g. content/heel-spur/",
        )
    shared_errors = len(diagnostics.errors)
    failed: dict[str, int] = {}
    for folder in folders:
        own = Diagnostics()
        loaded = _load_condition(folder, content_dir, images_dir, labels, own)
        diagnostics.extend(own)
        if own.errors:
            failed[folder.name] = len(own.errors)
        elif loaded is not None:
            conditions.append(loaded)

    if not partial or shared_errors or not folders:
        diagnostics.raise_if_errors()
    return Content(content_dir, tuple(conditions), clinics, labels, failed)


def load_labels(content_dir: Path, diagnostics: Diagnostics) -> dict[str, Labels]:
    """Every labels file of the content, by language (a broken one reported and left out)."""
    labels: dict[str, Labels] = {}
    for path in sorted((content_dir / "labels").glob("*.yaml")):
        loaded = load_model(path, Labels, diagnostics, content_dir)
        if loaded is not None and check_labels(loaded, path, diagnostics):
            labels[loaded.language] = loaded
    return labels


def source_languages(content_dir: Path) -> list[str]:
    """The ``source_language`` of every condition whose condition.yaml reads (the others are ``check``'s)."""
    found = []
    for path in sorted(content_dir.glob(f"*/{CONDITION_FILE}")):
        condition = load_model(path, ConditionFile, Diagnostics(), content_dir)
        if condition is not None:
            found.append(condition.source_language)
    return found


def _load_condition(
    folder: Path, content_dir: Path, images_dir: Path, labels: Mapping[str, Labels], diagnostics: Diagnostics
) -> ConditionContent | None:
    condition = load_model(folder / CONDITION_FILE, ConditionFile, diagnostics, content_dir)
    # Without a valid condition.yaml, still check each language file on its own, so an editor
    # sees every mistake in one run.
    languages = (
        condition.languages if condition else sorted(p.stem for p in folder.glob("*.yaml") if p.name != CONDITION_FILE)
    )
    texts: dict[str, LanguageFile] = {}
    for lang in languages:
        path = folder / f"{lang}.yaml"
        if not path.exists():
            # Only condition.yaml lists languages whose file may be missing: condition is there.
            diagnostics.error(
                cast(ConditionFile, condition).where("languages"),
                f"language '{lang}' is listed but {display_path(path)} does not exist",
                f"create {display_path(path)} "
                f"(copy {cast(ConditionFile, condition).source_language}.yaml and translate it)",
            )
            continue
        loaded = load_model(path, LanguageFile, diagnostics, content_dir)
        if loaded is not None:
            texts[lang] = loaded
    if condition is None:
        return None
    for path in sorted(folder.glob("*.yaml")):
        if path.name != CONDITION_FILE and path.stem not in condition.languages:
            diagnostics.warning(
                Location(display_path(path)),
                f"'{path.stem}' is not in the languages of {CONDITION_FILE}; file ignored",
                f"add {path.stem} to 'languages:' in {display_path(folder / CONDITION_FILE)}",
            )
    translated_from = {
        lang: read_lock(lock_path(folder, lang), diagnostics) for lang in texts if lang != condition.source_language
    }
    content = ConditionContent(folder, condition, texts, translated_from, approvals.read(folder, diagnostics))
    check_condition(content, images_dir, labels, diagnostics)
    return content
