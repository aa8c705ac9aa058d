"""Cross-file checks of the loaded content (generator/loading/validate.py), each at its line with a hint."""

from __future__ import annotations

from support.content import edit, line_of


def test_an_unknown_cover_is_an_error_at_its_line(project, run):
    condition = project / "content/tiny/condition.yaml"
    edit(condition, "treatments:\n", "cover: circel\ntreatments:\n")
    result = run(project, "check")
    assert result.code == 1
    assert f"content/tiny/condition.yaml:{line_of(condition, 'cover:')}:" in result.err
    assert "did you mean 'circle'?" in result.err


def test_the_table_section_cannot_leave_the_brochure(project, run):
    nb = project / "content/tiny/nb.yaml"
    edit(nb, "    title: Behandling\n", "    title: Behandling\n    brochure: false\n")
    result = run(project, "check")
    assert result.code == 1
    assert f"content/tiny/nb.yaml:{line_of(nb, 'brochure: false')}:" in result.err
    assert "holds the comparison table" in result.err
