"""The content the tests build from: the shipped content (or the copy ``LEAFDECK_CONTENT`` names), the
small fixtures under tests/fixtures, the fixed date every build passes, and helpers that read or
edit content files.

Tests over the shipped content never name a condition, clinic or language: they iterate over
whatever ``content/`` holds (``LEAFDECK_CONTENT`` points them at another copy, which is how
``tests/integration/test_content_agnostic.py`` proves that adding a condition keeps the suite green).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CONTENT = Path(os.environ.get("LEAFDECK_CONTENT") or ROOT / "content")
IMAGES = Path(os.environ.get("LEAFDECK_IMAGES") or CONTENT.parent / "images")
# Every build in the tests passes this date, so no test depends on the day it runs.
TODAY = "2026-12-02"
SHIPPED_PRODUCTS = "leaflet,brochure,deck,page,print-shop,web"


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


def output_file(root: Path, clinic: str, condition: str, lang: str, suffix: str) -> Path:
    """``suffix`` as in the file name: leaflet, brochure_print, deck.pptx is 'deck' (extension added)."""
    extension = "pptx" if suffix == "deck" else "pdf"
    return root / clinic / condition / lang / f"{condition}_{lang}_{suffix}.{extension}"


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


def error_lines(text: str) -> list[str]:
    """The ``file:line:col: error: ...`` lines of what the CLI printed."""
    return [line for line in text.splitlines() if ": error: " in line]


def assert_no_traceback(result: Result) -> None:
    """A content mistake is never a traceback or an internal error."""
    assert "Traceback" not in result.out + result.err and "internal error" not in result.err, result.err


def page_template(project: Path, body: str) -> Path:
    """A clinic's own base.html in the project that extends leafdeck's and puts ``body`` in its header."""
    site = project / "content/site"
    site.mkdir(exist_ok=True)
    base = site / "base.html"
    base.write_text(
        '{% extends "leafdeck/base.html" %}\n{% block header_extra %}' + body + "{% endblock %}\n", encoding="utf-8"
    )
    return base


def second_condition(project: Path) -> None:
    """A copy of tiny as 'other', so a build has outputs that must survive a broken condition."""
    import shutil

    shutil.copytree(project / "content/tiny", project / "content/other")
    edit(project / "content/other/condition.yaml", "id: tiny", "id: other")


def output_hashes(folder: Path, everything: bool = False) -> dict[str, str]:
    """The outputs (PDF, PPTX, web pages) by path below ``folder``, with their SHA-256; ``everything``:
    the files beside the pages (fonts, pictures) too."""
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (p.suffix in (".pdf", ".pptx", ".html") or everything and p.suffix in (".woff2", ".webp"))
    }
