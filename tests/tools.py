"""Real tools the tests read outputs with (poppler-utils; installed by .ci/run)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed: run .ci/run, or apt-get install poppler-utils"
    return path


def pdftotext(pdf: Path, layout: bool = False) -> str:
    """The PDF's text; in content order by default (table cells stay whole), or as laid out."""
    args = [_tool("pdftotext"), *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdffonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run([_tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run([_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
