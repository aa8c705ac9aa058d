"""Shared fixtures: a throw-away copy of the small test content, a way to run the CLI, and the
shipped content with every output built from it once per session.

Tests over the shipped content never name a condition, clinic or language: they iterate over
whatever ``content/`` holds (``LEAFDECK_CONTENT`` points them at another copy, which is how
``test_content_agnostic.py`` proves that adding a condition keeps the suite green).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONTENT = Path(os.environ.get("LEAFDECK_CONTENT") or ROOT / "content")
IMAGES = Path(os.environ.get("LEAFDECK_IMAGES") or CONTENT.parent / "images")
# Every build in the tests passes this date, so no test depends on the day it runs.
TODAY = "2026-12-02"
SHIPPED_PRODUCTS = "leaflet,brochure,deck,page,print-shop,web"
# The run's own cache of cut fonts (generator/assets/cache.py), inherited by every CLI subprocess:
# the suite neither reads nor fills the cache in the user's home.
os.environ["LEAFDECK_CACHE"] = tempfile.mkdtemp(prefix="leafdeck-test-cache-")


@dataclass
class Result:
    code: int
    out: str
    err: str


@lru_cache(maxsize=1)
def shipped():
    """The shipped content, loaded with the real loader (once per session)."""
    from generator.loading.content import load_content

    return load_content(CONTENT, IMAGES)


def shipped_languages() -> list[tuple[str, str]]:
    """(condition id, language) of every shipped text, for parametrizing."""
    return [(c.condition.id, lang) for c in shipped().conditions for lang in c.condition.languages]


def shipped_clinics() -> list[str]:
    return sorted(shipped().clinics)


def shipped_variants() -> list[tuple[str, str, str]]:
    """(clinic, condition id, language) of every shipped output set."""
    return [(clinic, condition, lang) for clinic in shipped_clinics() for condition, lang in shipped_languages()]


def text_of(condition: str, lang: str):
    return shipped().condition(condition).texts[lang]


def document(condition: str, lang: str, audience: str = "patient", clinic: str | None = None):
    """The format-independent Document the renderers get, for expectations read from the content."""
    import datetime as dt

    from generator.document.compose import compose_document
    from generator.document.model import Audience

    content = shipped()
    clinic_id = clinic or shipped_clinics()[0]
    return compose_document(
        content.condition(condition),
        lang,
        Audience(audience),
        content.clinics[clinic_id],
        content.labels[lang],
        IMAGES,
        dt.date.fromisoformat(TODAY),
    )


@pytest.fixture(scope="session")
def outputs(tmp_path_factory) -> Path:
    """Every product of every shipped clinic x condition x language, built once (read-only for tests)."""
    out = tmp_path_factory.mktemp("shipped")
    code = main(
        [
            "--content",
            str(CONTENT),
            "--images",
            str(IMAGES),
            "--out",
            str(out),
            "--clinic",
            "all",
            "--product",
            SHIPPED_PRODUCTS,
            "--today",
            TODAY,
        ]
    )
    assert code == 0, "the shipped content does not build"
    return out


def output_file(root: Path, clinic: str, condition: str, lang: str, suffix: str) -> Path:
    """``suffix`` as in the file name: leaflet, brochure_print, deck.pptx is 'deck' (extension added)."""
    extension = "pptx" if suffix == "deck" else "pdf"
    return root / clinic / condition / lang / f"{condition}_{lang}_{suffix}.{extension}"


@pytest.fixture(autouse=True)
def no_real_today(monkeypatch):
    """A build inside a test that forgets the fixed date fails at once, instead of passing today
    and turning red the day a shipped ``next_review`` passes."""
    import datetime as dt
    import types

    import generator.cli

    def today():
        raise AssertionError(f"a test built without a fixed date: pass --today {TODAY}")

    fixed_dates_only = types.SimpleNamespace(fromisoformat=dt.date.fromisoformat, today=today)
    monkeypatch.setattr(generator.cli, "dt", types.SimpleNamespace(date=fixed_dates_only, datetime=dt.datetime))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/minimal (content/ and images/) that a test may break."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the CLI inside a folder, as a user would type it there (with the tests' fixed date)."""

    def _run(folder: Path, *args: str) -> Result:
        monkeypatch.chdir(folder)
        extra = [] if "--today" in args or "--help" in args else ["--today", TODAY]
        code = main([*args, *extra])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, marker: str) -> int:
    """1-based line number of the first line containing ``marker``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


def pytest_collection_modifyitems(items):
    """Tests that read the shipped content carry the ``shipped`` mark (test_content_agnostic.py runs
    exactly these over a copy of content/ with a condition added). Tests that build outputs, run
    the CLI or start another program carry ``integration``; the rest form the fast unit tier
    (``make test-fast``: no subprocess, no LibreOffice)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "outputs" in fixtures or item.module.__name__ in SHIPPED_MODULES:
            item.add_marker(pytest.mark.shipped)
        if fixtures & INTEGRATION_FIXTURES or item.module.__name__ in INTEGRATION_MODULES:
            item.add_marker(pytest.mark.integration)


SHIPPED_MODULES = {"test_shipped_content", "test_adding_content"}
# Fixtures that build outputs or run the CLI, and modules whose every test does.
INTEGRATION_FIXTURES = {"outputs", "project", "run", "builds", "judged", "clean_build", "built"}
INTEGRATION_MODULES = {
    "test_content_agnostic",
    "test_adding_content",
    "test_templates",
    "test_hostile_input",
    "test_encodings",
    "test_freshness",
    "test_draft_mark",
    "test_deck_judged",
}


@pytest.fixture(autouse=True)
def unit_tier_starts_no_program(request, monkeypatch):
    """In the unit tier a test that starts another program fails at once: it belongs to integration."""
    if request.node.get_closest_marker("integration"):
        return
    import subprocess

    def refuse(*args, **kwargs):
        raise AssertionError("a unit test started a program: mark it integration (conftest.INTEGRATION_*)")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
