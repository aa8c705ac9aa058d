"""The one rule for every file leafdeck reads from a content folder, the images folder or a clinic's
page templates: it stays inside its folder, is a regular file, and is not larger than its kind needs.

Content is semi-trusted (several people and outside contributors write to it, and a content
repository's CI runs ``generate.py check``), so a file in it must not reach anything else on the
computer: a symlink that leads out of its folder (``nb.yaml -> ~/.ssh/id_rsa``) would publish that
file, and one to ``/dev/zero`` or a FIFO would be read until memory runs out or forever. A symlink
that stays inside the folder is fine (a shared picture, a renamed folder). Every reader goes
through :func:`read` or :func:`confined`; a refusal is a :class:`Refused` with a message and a hint
that the caller turns into a content error at the file.
"""

from __future__ import annotations

import os
import stat
from enum import IntEnum
from pathlib import Path

from generator.diagnostics import display_path

MIB = 1024 * 1024


class Limit(IntEnum):
    """The largest file of each kind, in bytes: far above any real one, far below harm."""

    YAML = 2 * MIB  # the largest shipped language file is about 30 KB
    TEMPLATE = MIB // 4  # a page template; leafdeck's own base.html is 4 KB
    IMAGE = 50 * MIB  # a 40-megapixel photo as a high-quality JPEG


KIND = {Limit.YAML: "content file", Limit.TEMPLATE: "page template", Limit.IMAGE: "picture"}


class Refused(Exception):
    """A file that may not be read, with what is wrong and how to fix it."""

    def __init__(self, problem: str, hint: str):
        super().__init__(problem)
        self.problem, self.hint = problem, hint


def _size(n: int) -> str:
    return f"{n / MIB:.1f} MB" if n >= MIB // 10 else f"{n / 1024:.0f} KB"


def confined(path: Path, root: Path | None, limit: int) -> Path:
    """The real path of ``path``: a regular file inside ``root`` (when given) of at most ``limit``
    bytes. Raises :class:`Refused` otherwise, and FileNotFoundError when there is no such file."""
    path = Path(path)
    real = path.resolve()
    if root is not None:
        base = Path(root).resolve()
        if not real.is_relative_to(base):
            raise Refused(
                f"{display_path(path)} leads outside its folder {display_path(Path(root))}/: it is a link to {real}",
                "copy the file into the folder instead of linking to it",
            )
    info = os.stat(real)  # FileNotFoundError for a dangling link: the caller's "not found"
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
        raise Refused(f"{display_path(path)} is {kind}, not a regular file", "replace it with an ordinary file")
    if info.st_size > limit:
        raise Refused(_too_large(path, info.st_size, limit), "check that it is the file you meant; split or shrink it")
    return real


def read(path: Path, root: Path | None, limit: int) -> bytes:
    """The bytes of ``path`` under :func:`confined`'s rule; never more than ``limit`` bytes are read,
    even if the file grows between the check and the read."""
    real = confined(path, root, limit)
    with open(real, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(_too_large(path, len(data), limit), "check that it is the file you meant; split or shrink it")
    return data


def _too_large(path: Path, size: int, limit: int) -> str:
    kind = next((name for cap, name in KIND.items() if cap == limit), "file")
    return f"{display_path(path)} has {size:,} bytes; a {kind} may be at most {_size(limit)}"
