"""Shared fixtures: a throw-away copy of the small test content, and a way to run the CLI."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/minimal (content/ and images/) that a test may break."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the CLI inside a folder, as a user would type it there."""

    def _run(folder: Path, *args: str) -> Result:
        monkeypatch.chdir(folder)
        code = main(list(args))
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
