"""The loader's disk cache of parsed files (issue 26): a fresh process reads what the last one parsed, with
the same warnings; other bytes, or a damaged entry, are parsed again."""

from __future__ import annotations

import shutil

import pytest

from generator.diagnostics import Diagnostics
from generator.loading import content
from generator.loading.schema import Labels
from support.content import FIXTURES


@pytest.fixture()
def labels_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAFDECK_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", root)
    path = root / "labels" / "en.yaml"
    # A zero-width space: removed with a warning at its position, which a cached parse must repeat.
    path.write_text(
        path.read_text(encoding="utf-8").replace('draft: "DRAFT"', 'draft: "DR\u200bAFT"'), encoding="utf-8"
    )
    return root, path


def _load(root, path):
    content._PARSED.clear()  # a fresh process: nothing parsed in memory
    diagnostics = Diagnostics()
    return content.load_model(path, Labels, diagnostics, root), [str(d) for d in diagnostics.items]


def test_a_fresh_process_reads_the_parsed_file_from_disk_with_its_warnings(labels_file, monkeypatch):
    root, path = labels_file
    first, warned = _load(root, path)
    assert first is not None and first.draft == "DRAFT" and any("removed" in w for w in warned), warned

    def no_parser(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(content, "parse_model", no_parser)
    again, warned_again = _load(root, path)
    assert again == first and warned_again == warned


def test_other_bytes_or_a_damaged_entry_are_parsed_again(labels_file, tmp_path, monkeypatch):
    root, path = labels_file
    _load(root, path)
    calls = []
    real = content.parse_model

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(content, "parse_model", counted)
    for entry in (tmp_path / "cache" / "parsed").iterdir():
        entry.write_bytes(entry.read_bytes()[:-1] + b"x")  # its digest no longer matches
    damaged, _ = _load(root, path)
    assert calls and damaged is not None and damaged.draft == "DRAFT"
    path.write_text(
        path.read_text(encoding="utf-8").replace('draft: "DR\u200bAFT"', 'draft: "UDKAST"'), encoding="utf-8"
    )
    calls.clear()
    edited, _ = _load(root, path)
    assert calls and edited is not None and edited.draft == "UDKAST"
