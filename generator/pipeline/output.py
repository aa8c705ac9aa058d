"""Where outputs go and how they are written: atomically, so a good file is never half-replaced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.kinds import Product, Variant

SITE = "site"  # each clinic's web site: <out>/<clinic>/site/


def relative_output(clinic: str, condition: str, language: str, variant: Variant) -> str:
    """An output's path below the output folder, with forward slashes (documented in the README):

    - files: ``<clinic>/<condition>/<lang>/<condition>_<lang>_<variant>.<ext>``;
    - the web page: ``<clinic>/site/<condition>/<lang>/index.html``;
    - the site's index: ``<clinic>/site/<lang>/index.html``, and ``<clinic>/site/index.html`` (every language).
    """
    if variant.product is Product.PAGE:
        return f"{clinic}/{SITE}/{condition}/{language}/index.html"
    if variant.product is Product.SITE_INDEX:
        return f"{clinic}/{SITE}/{language}/index.html" if language else f"{clinic}/{SITE}/index.html"
    return f"{clinic}/{condition}/{language}/{condition}_{language}_{variant.suffix}.{variant.spec.extension}"


def output_path(out_dir: Path, clinic: str, condition: str, language: str, variant: Variant) -> Path:
    return Path(out_dir).joinpath(*relative_output(clinic, condition, language, variant).split("/"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write next to the target, flush to disk, then rename over it in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
