"""The disk cache of slow results: a hit returns the same bytes without the work, a damaged entry is
made again, and a cache that cannot be written costs only time."""

from __future__ import annotations

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
