"""Every kind of content mistake is reported at the right file and line, all at once, with a hint."""

from __future__ import annotations

import pytest

from support.content import edit, line_of

NB = "content/tiny/nb.yaml"
EN = "content/tiny/en.yaml"
COND = "content/tiny/condition.yaml"

# (file, old text, new text with "# BAD" on the line the error must point at, message fragment, hint fragment)
CASES = {
    "unknown key with suggestion": (
        NB,
        "subtitle: En test",
        "subtitel: En test  # BAD",
        "unknown key 'subtitel'",
        "did you mean 'subtitle'?",
    ),
    "number where text is expected": (
        COND,
        'version: "1.0"',
        "version: 1.10  # BAD",
        "'version' must be text",
        'version: "1.10"',
    ),
    "leading-zero number": (NB, "course: 2–6 uker", "course: 0450  # BAD", "'course' must be text", '"0450"'),
    "missing required field": (
        NB,
        "  - id: rest\n    name: Hvile\n",
        "  - id: rest  # BAD\n",
        "missing required field 'name'",
        "add 'name:'",
    ),
    "duplicate id": (NB, "  - id: doctor\n", "  - id: about  # BAD\n", "duplicate section id 'about'", "already used"),
    "image not found": (
        COND,
        "file: circle.png",
        "file: sircle.png  # BAD",
        "image 'sircle.png' not found",
        "did you mean 'circle.png'?",
    ),
    "image outside images/": (
        COND,
        "file: circle.png",
        "file: ../content/tiny/nb.yaml  # BAD",
        "leads outside the images/ folder",
        "copy the image",
    ),
    "absolute image path": (COND, "file: circle.png", "file: /etc/hostname  # BAD", "is absolute", "relative"),
    "wrong enum value": (
        COND,
        "status: approved",
        "status: aproved  # BAD",
        "'aproved' is not allowed",
        "'draft' or 'approved'",
    ),
    "Norway problem stays text": (
        NB,
        "callout: true",
        "callout: no  # BAD",
        "'callout' must be true or false, not text ('no')",
        "true or false",
    ),
    "bad id": (NB, "  - id: doctor\n", "  - id: Doctor_1  # BAD\n", "'Doctor_1' is not a valid id", "lowercase"),
    "unknown figure": (
        NB,
        "- figure: circle",
        "- figure: circel  # BAD",
        "figure 'circel' is not an image",
        "did you mean 'circle'?",
    ),
    "unknown source": (
        COND,
        "sources: [book]\n  - id: pills",
        "sources: [bok]  # BAD\n  - id: pills",
        "source 'bok' is not listed",
        "did you mean 'book'?",
    ),
    "block with no kind": (
        NB,
        "      - p: Klinisk tekst.",
        "      - para: Klinisk tekst.  # BAD",
        "a block needs exactly one of the keys",
        "- p:",
    ),
    "empty list": (
        NB,
        "indications: [Sterke smerter]",
        "indications: []  # BAD",
        "'indications' needs at least one item",
        "'- '",
    ),
    "wrong date": (
        COND,
        "published: 2026-01-10",
        "published: januar  # BAD",
        "'published' must be a date",
        "YYYY-MM-DD",
    ),
    "dates out of order": (
        COND,
        "next_review: 2099-01-10",
        "next_review: 2020-01-10  # BAD",
        "review dates are out of order",
        "published <= last_reviewed",
    ),
    "approved without reviewer": (
        COND,
        "clinical_reviewer:\n  name: Dr. Test\n",
        "",
        "no clinical_reviewer",
        "status: draft",
    ),
    "translation extra id": (
        EN,
        "  - id: doctor\n",
        "  - id: doktor  # BAD\n",
        "section 'doktor' is not in nb.yaml",
        "did you mean 'doctor'?",
    ),
    "treatment not in condition": (
        EN,
        "  - id: pills\n",
        "  - id: pils  # BAD\n",
        "treatment 'pils' is not in condition.yaml",
        "did you mean 'pills'?",
    ),
    "invalid YAML": (
        NB,
        "title: Liten tilstand",
        'title: "Liten tilstand  # BAD',
        "invalid YAML",
        "add the closing quote",
    ),
    "text with colon": (
        NB,
        "summary: Dette er en **kort** setning.",
        "summary: Merk: dette er feil  # BAD",
        "invalid YAML",
        "quotes",
    ),
    "duplicate key": (
        NB,
        "feedback: Skriv til oss.",
        "feedback: Skriv til oss.\ntitle: Igjen  # BAD",
        "duplicate key",
        "remove or rename",
    ),
    "control character": (
        NB,
        "disclaimer: Ikke ekte råd.",
        "disclaimer: Ikke \x07ekte råd.  # BAD",
        "U+0007",
        "delete it",
    ),
    "colour": (
        "content/clinics/default.yaml",
        'primary: "#1F4E79"',
        'primary: "blue"  # BAD',
        "'blue' is not a colour",
        "#RRGGBB",
    ),
    "script name instead of its code": (
        "content/labels/nb.yaml",
        "language_tag: nb-NO\n",
        "language_tag: nb-NO\nscript: latin  # BAD\n",
        "'latin' is not a script code",
        "ISO 15924",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_mistake_is_reported_at_its_line(project, run, case):
    file, old, new, message, hint = case
    edit(project / file, old, new)
    result = run(project, "check")
    assert result.code == 1, result.out + result.err
    if "# BAD" in new:
        line = line_of(project / file, "# BAD")
        prefix = f"{file}:{line}:"
    else:
        prefix = f"{file}:"
    matching = [block for block in result.err.split("\n" + file) if message in block]
    assert matching, f"no error containing {message!r} in:\n{result.err}"
    lines = result.err.splitlines()
    at = [i for i, line in enumerate(lines) if line.startswith(prefix) and message in line]
    assert at, f"{message!r} not reported at {prefix}\n{result.err}"
    # The hint belongs to that error: on the line under it.
    assert hint and any(
        i + 1 < len(lines) and lines[i + 1].strip().startswith("hint:") and hint in lines[i + 1] for i in at
    ), f"hint {hint!r} not under the error\n{result.err}"


def test_translation_missing_an_id_is_reported(project, run):
    en = project / EN
    text = en.read_text(encoding="utf-8")
    start = text.index("  - id: doctor\n")
    end = text.index("treatments:\n  - id: rest")
    en.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run(project, "check")
    assert result.code == 1
    sections_line = line_of(en, "sections:")
    assert f"{EN}:{sections_line}:" in result.err
    assert "section 'doctor' from nb.yaml is missing here" in result.err


def test_all_problems_are_reported_in_one_run(project, run):
    edit(project / NB, "subtitle: En test", "subtitel: En test")
    edit(project / COND, 'version: "1.0"', "version: 1.10")
    edit(project / EN, "callout: true", "callout: 3")
    result = run(project, "check")
    assert result.code == 1
    assert "unknown key 'subtitel'" in result.err
    assert "'version' must be text" in result.err
    assert "'callout' must be true or false" in result.err
    assert "3 error(s)" in result.err


def test_content_error_shows_no_traceback(project, run):
    edit(project / NB, "title: Liten tilstand", "title: [oops")
    result = run(project)
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
