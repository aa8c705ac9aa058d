"""Fixtures and tiers.

The folder says the tier: ``tests/unit/`` (no subprocess, no LibreOffice, no browser; builds of the
small fixture content run in-process, in milliseconds to a second) and ``tests/integration/`` (every
shipped output built once, read back with poppler, qpdf, zbarimg, LibreOffice, Chromium; the CLI in
child processes; the live preview). A unit test that starts a program fails and says so.

Shared helpers live in ``tests/support/`` (``support.content``: the shipped content, the fixed date,
``edit``/``line_of``; ``support.tools``: the real readers).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from generator.cli import main
from support.content import CONTENT, FIXTURES, IMAGES, SHIPPED_PRODUCTS, TODAY, Result

# The run's own cache of cut fonts (generator/assets/cache.py), inherited by every CLI subprocess and
# xdist worker: the suite neither reads nor fills the cache in the user's home.
os.environ.setdefault("LEAFDECK_CACHE", tempfile.mkdtemp(prefix="leafdeck-test-cache-"))
INTEGRATION = Path(__file__).resolve().parent / "integration"


@pytest.fixture(scope="session")
def outputs(tmp_path_factory, worker_id) -> Path:
    """Every product of every shipped clinic x condition x language, built once for the whole run (the
    xdist workers share one build, made by whichever asks first); read-only for tests."""
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    out, done = shared / "shipped", shared / "shipped.done"
    with FileLock(str(shared / "shipped.lock")):
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
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
            done.touch()
    return out


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
def built(project, run) -> Path:
    """The small content with every default product built (in-process)."""
    result = run(project)
    assert result.code == 0, result.err
    return project


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the CLI in-process inside a folder, as a user would type it there (with the tests' fixed date)."""

    def _run(folder: Path, *args: str) -> Result:
        monkeypatch.chdir(folder)
        extra = [] if "--today" in args or "--help" in args else ["--today", TODAY]
        code = main([*args, *extra])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def pytest_collection_modifyitems(items):
    """``integration`` for everything under tests/integration/; ``shipped`` for tests that read the
    shipped content (the ``outputs`` fixture, or marked so), which test_content_agnostic.py reruns
    over a copy of content/ with a condition added. That rerun, the longest test, goes first: with
    ``-n`` it runs beside the others instead of after them."""
    for item in items:
        if Path(str(item.path)).is_relative_to(INTEGRATION):
            item.add_marker(pytest.mark.integration)
        if "outputs" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shipped)
    items.sort(key=lambda item: item.path.name != "test_content_agnostic.py")


@pytest.fixture(autouse=True)
def unit_tier_starts_no_program(request, monkeypatch):
    """In the unit tier a test that starts another program fails at once: it belongs to integration."""
    if request.node.get_closest_marker("integration"):
        return
    import subprocess

    def refuse(*args, **kwargs):
        raise AssertionError("a unit test started a program: move it to tests/integration/")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
