"""The disk cache of slow results: a hit returns the same bytes without the work, a damaged entry is
made again, and a cache that cannot be written costs only time."""

from __future__ import annotations

import os

import pytest

from generator.assets import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAFDECK_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_second_call_is_served_from_disk(folder):
    calls = []
    make = lambda: calls.append(1) or b"result"  # noqa: E731
    assert cache.cached("fonts", ("a", b"b"), make) == b"result"
    assert cache.cached("fonts", ("a", b"b"), make) == b"result"
    assert len(calls) == 1
    assert cache.cached("fonts", ("a", b"c"), make) == b"result" and len(calls) == 2  # another key


def test_key_parts_do_not_run_into_each_other(folder):
    cache.cached("k", ("ab", "c"), lambda: b"first")
    assert cache.cached("k", ("a", "bc"), lambda: b"second") == b"second"


@pytest.mark.parametrize(
    "damage", [lambda b: b[:5], lambda b: b[:3] + bytes([b[3] ^ 1]) + b[4:]], ids=["truncated", "a byte changed"]
)
def test_a_damaged_entry_is_made_again(folder, damage):
    cache.cached("fonts", ("x",), lambda: b"good bytes")
    (entry,) = (folder / "fonts").iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.cached("fonts", ("x",), lambda: b"good bytes") == b"good bytes"
    assert cache.cached("fonts", ("x",), lambda: pytest.fail("the repaired entry is used")) == b"good bytes"


def test_an_unwritable_cache_still_gives_the_result(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LEAFDECK_CACHE", str(blocker))
    assert cache.cached("fonts", ("x",), lambda: b"made") == b"made"


def test_a_cut_font_from_the_cache_is_the_cut_itself(folder):
    from generator.assets.fonts import body_family
    from generator.render.html.assets import _cut, _cut_now

    font = body_family().regular.read_bytes()
    fresh = _cut_now(font, "Hælspore", "woff2")
    assert _cut(font, "Hælspore", "woff2") == fresh
    assert _cut(font, "Hælspore", "woff2") == fresh and any((folder / "fonts").iterdir())


def _written(folder, name: str, size: int):
    before = set((folder / "parsed").glob("*"))
    cache.cached("parsed", (name,), lambda: bytes(size))
    (new,) = set((folder / "parsed").glob("*")) - before
    return new


def test_a_kind_keeps_its_budget_dropping_the_least_recently_used(folder, monkeypatch):
    """Edits add entries for as long as staff edit: each kind stays within its budget, and what a build still
    reads survives what it no longer reads."""
    size = 1000
    monkeypatch.setattr(cache, "BUDGET_BYTES", 3 * (size + 32))  # three entries and their checksums
    monkeypatch.setattr(cache, "TRIM_EVERY_SECONDS", 0)  # on every write
    entries = {name: _written(folder, name, size) for name in ("a", "b", "c")}
    for age, name in enumerate(("a", "b", "c"), start=1):  # a the oldest, without sleeping
        os.utime(entries[name], ns=(age, age))
    cache.cached("parsed", ("a",), lambda: pytest.fail("a is still kept"))  # a hit: a is now the newest
    _written(folder, "d", size)

    assert not entries["b"].exists() and entries["a"].exists() and entries["c"].exists()
    assert sum(p.stat().st_size for p in (folder / "parsed").iterdir()) <= cache.BUDGET_BYTES
    assert cache.cached("parsed", ("b",), lambda: b"made again") == b"made again"


def test_trimming_waits_for_its_interval_and_never_takes_the_entry_just_written(folder, monkeypatch):
    """Listing a large kind on every write would cost each write milliseconds: it is trimmed now and then."""
    monkeypatch.setattr(cache, "BUDGET_BYTES", 10)  # smaller than any entry
    _written(folder, "a", 100)  # the first write trims (no stamp yet), but keeps what it wrote
    stamp = folder / ".trimmed-parsed"
    assert stamp.exists() and len(list((folder / "parsed").iterdir())) == 1
    _written(folder, "b", 100)  # within the interval: nothing is trimmed
    assert len(list((folder / "parsed").iterdir())) == 2
    os.utime(stamp, (0, 0))  # the interval has passed
    newest = _written(folder, "c", 100)
    assert list((folder / "parsed").iterdir()) == [newest]


def test_an_entry_that_cannot_be_marked_used_is_still_served(folder, monkeypatch):
    cache.cached("parsed", ("x",), lambda: b"made")

    def read_only(*args, **kwargs):
        raise PermissionError("read-only cache")

    monkeypatch.setattr(cache.os, "utime", read_only)
    assert cache.cached("parsed", ("x",), lambda: pytest.fail("made again")) == b"made"


def test_an_object_is_kept_pickled_and_what_cannot_be_is_made_again(folder):
    assert cache.cached_object("objects", ("x",), lambda: {"a": (1, 2)}) == {"a": (1, 2)}
    assert cache.cached_object("objects", ("x",), lambda: pytest.fail("made again")) == {"a": (1, 2)}

    def unpicklable():
        return lambda: "a function"

    assert cache.cached_object("objects", ("f",), unpicklable)() == "a function"  # returned, not kept
    assert len(list((folder / "objects").iterdir())) == 1
    cache.cached("objects", ("old",), lambda: b"not a pickle: another version wrote it")
    assert cache.cached_object("objects", ("old",), lambda: "made again") == "made again"
