"""The command line, run in-process as a user types it: exit codes, selections, clear errors, nothing
half-written, the same bytes from the same content."""

from __future__ import annotations

import pytest

from support.content import edit


def test_same_content_gives_identical_bytes(project, run, tmp_path):
    assert run(project, "--out", str(tmp_path / "a")).code == 0
    assert run(project, "--out", str(tmp_path / "b")).code == 0
    for first in (tmp_path / "a").rglob("*.*"):
        second = tmp_path / "b" / first.relative_to(tmp_path / "a")
        assert first.read_bytes() == second.read_bytes(), first.name


def test_broken_content_leaves_earlier_outputs_untouched(built, run):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (built / "output").rglob("*.*")}
    edit(built / "content/tiny/nb.yaml", "subtitle: En test", "subtitle: [En test")
    result = run(built)
    assert result.code == 1
    assert "content/tiny/nb.yaml:3:11: error: invalid YAML: the '[' here is never closed" in result.err
    assert "failed outputs keep their earlier files" in result.err
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (built / "output").rglob("*") if p.is_file()}
    assert after == before


def test_check_writes_nothing(project, run):
    result = run(project, "check")
    assert result.code == 0 and "11 output(s) checked; nothing was written" in result.out
    assert not (project / "output").exists()


def test_selection_by_language_and_product(project, run):
    assert run(project, "--lang", "en", "--product", "deck").code == 0
    assert [p.name for p in (project / "output").rglob("*.*") if p.suffix in (".pdf", ".pptx")] == ["tiny_en_deck.pptx"]


def test_unknown_clinic_is_a_content_error(project, run):
    result = run(project, "--clinic", "nowhere")
    assert result.code == 1 and "clinic 'nowhere' not found (known: default)" in result.err


def test_unwritable_output_is_a_clear_error(project, run):
    (project / "blocker").write_text("a file, not a folder")
    result = run(project, "--out", "blocker")
    assert result.code == 1
    assert "cannot write the output" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize(
    "args",
    [
        ["--nope"],
        ["build", "--product", "poster"],
        ["publish"],
        ["build", "--import", "x.po"],  # --import and --status belong to translate
        ["check", "--status"],
        ["translate", "--status", "--import", "x.po"],
    ],
)
def test_usage_errors_exit_2(project, run, args):
    with pytest.raises(SystemExit) as exc:
        run(project, *args)
    assert exc.value.code == 2


OUT = "output/default/tiny"
