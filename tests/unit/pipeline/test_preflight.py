"""`generate.py check` (generator/pipeline/preflight.py): every problem at its line, the shipped
content clean, --strict."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from support.content import FIXTURES

EXPECT = re.compile(r"#\s*expect:\s*(error|warning|note):\s*(.+?)\s*$")


def _check_json(project: Path, *args: str, run) -> tuple[int, dict]:
    result = run(project, "check", "--json", *args)
    return result.code, json.loads(result.out)


def test_problem_fixture_yields_each_diagnostic_at_its_line(tmp_path, run):
    project = tmp_path / "problems"
    shutil.copytree(FIXTURES / "problems", project)
    expected = []
    for path in sorted((project / "content").rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                expected.append((path.relative_to(project).as_posix(), number, match[1], match[2]))
    assert len(expected) >= 8
    code, report = _check_json(project, run=run)
    assert code == 1 and not report["ok"]
    found = [(d["file"], d["line"], d["severity"], d["message"]) for d in report["diagnostics"]]
    for file, line, severity, text in expected:
        assert any(f == file and n == line and s == severity and text in m for f, n, s, m in found), (
            file,
            line,
            severity,
            text,
            found,
        )


def test_strict_turns_warnings_into_errors(project, run):
    relaxed = run(project, "check")
    assert relaxed.code == 0 and "warning: image circle.png prints at 91 ppi" in relaxed.out
    strict = run(project, "check", "--strict")
    assert strict.code == 1 and "--strict" in strict.err
