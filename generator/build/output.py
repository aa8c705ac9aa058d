"""Where outputs go and how they are written: atomically, so a good file is never half-replaced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.products import Variant


def output_path(out_dir: Path, clinic: str, condition: str, language: str, variant: Variant) -> Path:
    """``<out>/<clinic>/<condition>/<lang>/<condition>_<lang>_<variant>.<ext>`` (documented in the README)."""
    name = f"{condition}_{language}_{variant.suffix}.{variant.spec.extension}"
    return Path(out_dir) / clinic / condition / language / name


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
