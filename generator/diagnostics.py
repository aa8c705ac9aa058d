"""Problems found in content, reported as ``file:line:col: severity: message`` plus a hint.

Every stage reports into a :class:`Diagnostics` collector instead of raising at the first problem,
so a content editor sees all mistakes of a run at once. A stage that cannot go on raises
:class:`ContentError` carrying everything collected so far; the CLI prints it and exits 1.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A position in a content file; ``line`` and ``col`` are 1-based as editors show them."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.col}" if self.col else f"{self.file}:{self.line}"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # for information (e.g. items awaiting clinical review); never fails a run


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    location: Location
    message: str
    hint: str = ""

    def as_json(self) -> dict:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "col": self.location.col,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }

    def format(self) -> str:
        text = f"{self.location}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@dataclass
class Diagnostics:
    """Collects diagnostics of one run, in the order they were found."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Severity.ERROR, location, message, hint))

    def warning(self, location: Location, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Severity.WARNING, location, message, hint))

    def note(self, location: Location, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Severity.NOTE, location, message, hint))

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self)

    def sorted(self) -> list[Diagnostic]:
        """Errors grouped by file and line, so the report reads top to bottom like the files."""
        return sorted(self.items, key=lambda d: (d.location.file, d.location.line, d.location.col))


class ContentError(Exception):
    """The content has errors; nothing may be written. Carries every diagnostic found."""

    def __init__(self, diagnostics: Diagnostics):
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics.errors)} content error(s)")


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as the user sees it in the folder tree, relative to the working directory when
    possible. A symlink keeps its own name (the file staff open), never its target's."""
    path = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        for mine, theirs in ((os.path.abspath(path), os.path.abspath(base)), (path.resolve(), Path(base).resolve())):
            try:
                return str(Path(mine).relative_to(theirs))
            except ValueError:
                continue
    return str(path)
