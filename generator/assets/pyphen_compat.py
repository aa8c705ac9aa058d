"""pyphen's internals leafdeck relies on, in one place (pinned by tests/unit/assets/test_pyphen_compat.py).

pyphen parses a language's pattern file (``hyph_*.dic``, ~100 KB) into a dict the first time a
``Pyphen`` is made in a process: ~0.17 s, a fresh build's slowest set-up step after the imports. The
parsed patterns (``HyphDict``, plain data) are kept in the disk cache by the file's bytes and pyphen's
version, and handed to pyphen through its module-level ``hdcache``, which ``Pyphen(lang=...)`` reads
before parsing.
"""

from __future__ import annotations

import pyphen

from generator.assets.cache import cached_object

# Not in pyphen's published stubs (types-pyphen), but module attributes of every pyphen since 0.10.
_PATTERNS: dict = pyphen.hdcache  # type: ignore[attr-defined]
_VERSION: str = pyphen.__version__  # type: ignore[attr-defined]


def dictionary(name: str) -> pyphen.Pyphen:
    """pyphen's hyphenator for dictionary ``name`` (``nb_NO``), its patterns from the disk cache."""
    path = pyphen.LANGUAGES[name]
    if path not in _PATTERNS:
        key = (_VERSION, path.read_bytes())
        _PATTERNS[path] = cached_object("hyphenation", key, lambda: pyphen.HyphDict(path))
    return pyphen.Pyphen(lang=name)
