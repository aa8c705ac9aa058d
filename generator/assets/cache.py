"""A cache of slow, deterministic results on disk (parsed content, prepared pictures, hyphenation patterns, the
web fonts cut with fontTools...), so a fresh process does not redo what the last one already did.

Lives in ``$LEAFDECK_CACHE``, else the user's cache folder (``$XDG_CACHE_HOME/leafdeck`` or
``~/.cache/leafdeck``). Each entry is named by a digest of everything that made it and ends in the
SHA-256 of its own bytes: a truncated or damaged entry is noticed, ignored and made again. Deleting
the folder is always safe. A cache that cannot be written (read-only home) costs only time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_TRAILER = 32  # bytes of SHA-256 after the payload
# Each kind keeps at most this many bytes: every edit of a content file adds a parsed model, every new picture
# its prepared forms, so without a bound the folder grows for as long as staff edit. Entries are deleted least
# recently used first (a hit touches its entry) when a new one is written. The budget is well above what one
# build of a large catalogue reads (prepared pictures are the largest kind), so a build never evicts its own.
BUDGET_BYTES = 256 * 1024 * 1024
# Listing a kind's folder costs ~5 ms a thousand entries: it is trimmed at most once in this many seconds (the
# time of its stamp, ``.trimmed-<kind>`` beside the kinds' folders, says when last), not on every write.
TRIM_EVERY_SECONDS = 3600
_WRITING = ".writing"  # the suffix of an entry being written: never trimmed


def folder() -> Path:
    explicit = os.environ.get("LEAFDECK_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "leafdeck"


def cached(kind: str, key_parts: tuple[bytes | str, ...], make: Callable[[], bytes]) -> bytes:
    """``make()``, or what it returned last time for the same ``key_parts``."""
    digest = hashlib.sha256()
    for part in key_parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    path = folder() / kind / digest.hexdigest()
    try:
        stored = path.read_bytes()
        payload, check = stored[:-_TRAILER], stored[-_TRAILER:]
        if len(stored) > _TRAILER and hashlib.sha256(payload).digest() == check:
            _touch(path)
            return payload
    except OSError:
        pass
    payload = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=_WRITING, delete=False) as tmp:
            tmp.write(payload + hashlib.sha256(payload).digest())
        os.replace(tmp.name, path)
        _trim_now_and_then(path.parent, path)
    except OSError:
        pass
    return payload


class _NotKept(Exception):
    """A result pickle cannot write: it is returned, not kept."""


def cached_object(kind: str, key_parts: tuple[bytes | str, ...], make: Callable[[], T]) -> T:
    """:func:`cached` for a result that is not bytes: kept pickled. The entries are the user's own, each checked
    by its digest; a result that cannot be pickled is not kept, and an entry another library version wrote that
    cannot be read back is made again. ``make``'s own errors are the caller's."""
    made: list[T] = []

    def pickled() -> bytes:
        made.append(make())
        try:
            return pickle.dumps(made[-1], pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            raise _NotKept from exc

    try:
        stored = cached(kind, key_parts, pickled)
    except _NotKept:
        return made[-1]
    if made:
        return made[-1]
    try:
        return pickle.loads(stored)
    except Exception:  # noqa: BLE001 - written by another version of a library the result holds
        return make()


@cache
def code_of(module_file: str) -> bytes:
    """The source of the module that makes a cached result, for its key: changed code makes it anew."""
    return Path(module_file).read_bytes()


def _touch(path: Path) -> None:
    """Mark an entry recently used, so trimming keeps it; a cache it cannot mark (read-only) still serves it."""
    try:
        os.utime(path)
    except OSError:
        pass


def _trim_now_and_then(kind: Path, written: Path) -> None:
    stamp = kind.parent / f".trimmed-{kind.name}"
    try:
        if time.time() - stamp.stat().st_mtime < TRIM_EVERY_SECONDS:
            return
    except FileNotFoundError:
        pass
    stamp.touch()
    _trim(kind, BUDGET_BYTES, keep=written)


def _trim(kind: Path, budget: int, keep: Path) -> None:
    """Delete the least recently used entries of one kind, never ``keep`` (just written) nor one being written,
    until it holds at most ``budget`` bytes. Another process reading an entry deleted here finds it missing and
    makes it again: the cache is only ever a shortcut."""
    entries = []
    with os.scandir(kind) as found:
        for entry in found:
            if entry.name.endswith(_WRITING) or not entry.is_file(follow_symlinks=False):
                continue
            stat = entry.stat(follow_symlinks=False)
            entries.append((stat.st_mtime_ns, stat.st_size, entry.path))
    total = sum(size for _, size, _ in entries)
    for _, size, name in sorted(entries):
        if total <= budget:
            break
        if name == str(keep):
            continue
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass  # another process trimmed it first
        except OSError:
            continue  # in use (Windows): counted as kept
        total -= size


def stored_file(kind: str, data: bytes, suffix: str) -> Path:
    """``data`` as a file of its own (for a library that reads only files), named by its digest: in the cache
    folder, or in the temporary folder when the cache cannot be written."""
    name = hashlib.sha256(data).hexdigest() + suffix
    for base in (folder() / kind / "files", Path(tempfile.gettempdir()) / "leafdeck" / kind):
        path = base / name
        try:
            if path.is_file() and path.stat().st_size == len(data):
                return path
            base.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=base, delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, path)
            return path
        except OSError:
            continue
    raise OSError(f"no folder to keep a {kind} file in: {folder()} and the temporary folder are not writable")
