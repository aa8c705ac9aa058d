"""pyphen's internals (generator/assets/pyphen_compat.py): the module-level pattern cache that ``Pyphen``
reads and the picklable ``HyphDict``; the parsed patterns served from the disk cache hyphenate exactly as a
fresh parse does."""

from __future__ import annotations

import pyphen
import pytest

from generator.assets import pyphen_compat

WORDS = ("betennelsesdempende", "hælspore", "fotsålebetennelse", "kortisoninjeksjon")


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAFDECK_CACHE", str(tmp_path / "cache"))
    kept = dict(pyphen.hdcache)
    pyphen.hdcache.clear()  # a fresh process (the dict itself: pyphen_compat holds it)
    yield tmp_path / "cache"
    pyphen.hdcache.clear()
    pyphen.hdcache.update(kept)


def test_pyphen_reads_its_module_cache_before_parsing(monkeypatch):
    path = pyphen.LANGUAGES["nb_NO"]
    patterns = pyphen.HyphDict(path)
    monkeypatch.setitem(pyphen.hdcache, path, patterns)
    assert pyphen.Pyphen(lang="nb_NO").hd is patterns


def test_patterns_from_the_disk_cache_hyphenate_as_a_fresh_parse(fresh, monkeypatch):
    expected = {word: list(pyphen.Pyphen(lang="nb_NO", cache=False).iterate(word)) for word in WORDS}
    pyphen.hdcache.clear()
    pyphen_compat.dictionary("nb_NO")
    assert list((fresh / "hyphenation").iterdir()), "the parsed patterns were not kept"

    def no_parsing(self, path):
        raise AssertionError(f"parsed {path} again")

    pyphen.hdcache.clear()
    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parsing)
    again = pyphen_compat.dictionary("nb_NO")
    assert {word: list(again.iterate(word)) for word in WORDS} == expected
    assert any(expected.values())
