"""YAML 1.2 semantics and position tracking of the reader."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.loading.yaml_source import POSITIONS_KEY, load_yaml
from support.content import (
    assert_no_traceback,
    edit,
    error_lines,
    line_of,
)
from support.saving import BUILD, NB, SAVED_AS, nb_text, save_as, written

MISTAKES = {
    "unknown key": ("subtitle: En test", "subtitel: En test", 1, "unknown key 'subtitel'"),
    "raw control character": (
        "disclaimer: Ikke ekte råd.",
        "disclaimer: Ikke \x07ekte råd.",
        18,
        "text contains the invisible character U+0007",
    ),
}
REFUSED = {
    # (file text, line, column, message fragment, hint fragment)
    "italic at the start of a text": (
        "a: ok\nb:\n  - *Viktig* tekst\n",
        3,
        5,
        "YAML alias ('*Viktig*')",
        'quotes, e.g. "*Viktig* ..."',
    ),
    "ampersand at the start (was dropped silently)": ("a: &Co er her\n", 1, 4, "YAML anchor ('&Co')", "quotes"),
    "a real alias": ("a: &x tekst\nb: *x\n", 1, 4, "YAML anchor ('&x')", "write a repeated text out"),
    "a recursive alias (was [1, None])": ("a: &x [1, *x]\n", 1, 4, "YAML anchor ('&x')", "quotes"),
    "a merge key": ("a: &base {x: 1}\nb:\n  <<: *base\n", 1, 4, "YAML anchor ('&base')", "quotes"),
    "a tag (was a TaggedScalar)": ("a: tekst\nb: !Viktig tekst\n", 2, 4, "YAML tag ('!Viktig')", "quotes"),
    "a standard tag": ("a: !!str 12\n", 1, 4, "YAML tag", "quotes"),
    "deep flow nesting (was a RecursionError)": (
        "a: " + "[" * 1000 + "]" * 1000 + "\n",
        1,
        53,
        "nested more than 50 deep",
        "indentation",
    ),
    "deep block nesting (was a RecursionError)": (
        "".join("  " * i + "a:\n" for i in range(1000)) + "  " * 1000 + "b\n",
        50,
        99,
        "nested more than 50 deep",
        "indentation",
    ),
    "reserved character": ("a: @home\n", 1, 4, "found character '@'", "a text starting with '@' must be put in quotes"),
}


DIRECTION = {
    "RLO": "\u202e",
    "LRE": "\u202a",
    "PDF": "\u202c",
    "LRI": "\u2066",
    "PDI": "\u2069",
    "tag letter": "\U000e0041",
}


def _load(tmp_path: Path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load_yaml(path, "x.yaml", diagnostics), diagnostics


def test_norway_problem_is_absent(tmp_path):
    loaded, diagnostics = _load(tmp_path, "a: no\nb: nb\nc: on\nd: off\ne: yes\nf: NO\n")
    assert not diagnostics.items
    data = {k: v for k, v in loaded.data.items() if k != POSITIONS_KEY}
    assert data == {"a": "no", "b": "nb", "c": "on", "d": "off", "e": "yes", "f": "NO"}


def test_numbers_stay_numbers_so_the_model_can_refuse_them(tmp_path):
    loaded, _ = _load(tmp_path, "a: 0450\nb: 1.10\nc: '0450'\n")
    assert loaded.data["a"] == 450 and loaded.data["b"] == 1.1 and loaded.data["c"] == "0450"


def test_positions_of_keys_values_and_items(tmp_path):
    loaded, _ = _load(tmp_path, "top:\n  name: Kari\n  list:\n    - en\n    - to\n")
    top = loaded.data["top"][POSITIONS_KEY]
    assert (top.keys["name"].line, top.keys["name"].col) == (2, 3)
    assert (top.values["name"].line, top.values["name"].col) == (2, 9)
    assert [(i.line, i.col) for i in top.items["list"]] == [(4, 7), (5, 7)]


def test_whitespace_of_folded_text_is_normalised(tmp_path):
    loaded, _ = _load(tmp_path, "a: |\n  line one\n  line two\n")
    assert loaded.data["a"] == "line one line two"


def test_escaped_control_character_is_rejected_with_position(tmp_path):
    loaded, diagnostics = _load(tmp_path, 'a: ok\nb: "bell \\a here"\n')
    [error] = diagnostics.errors
    assert (error.location.line, error.location.col) == (2, 4)
    assert "U+0007" in error.message


@pytest.mark.parametrize(
    ("text", "where", "bracket"),
    [
        ("a: 1\nb: [\n", (2, 4), "["),
        ("a: 1\nb: {\n", (2, 4), "{"),
    ],
)
def test_a_bracket_left_open_at_the_end_is_named_where_it_opens(tmp_path, text, where, bracket):
    _, diagnostics = _load(tmp_path, text)
    [error] = diagnostics.errors
    assert (error.location.line, error.location.col) == where
    assert f"'{bracket}'" in error.message


def test_a_file_parsed_again_from_another_folder_names_itself_from_there(tmp_path, monkeypatch):
    """Parses are remembered per file (for --watch); the paths in their messages are relative to the
    working directory, so a parse remembered from another folder must not be reused."""
    import shutil

    from generator.diagnostics import Diagnostics
    from generator.loading.content import load_content
    from support.content import FIXTURES

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    nb = project / "content/tiny/nb.yaml"
    nb.write_text(nb.read_text(encoding="utf-8").replace("subtitle: En test", "subtitel: En test"), encoding="utf-8")
    seen = []
    for folder in (project, project / "content"):
        monkeypatch.chdir(folder)
        diagnostics = Diagnostics()
        load_content(project / "content", project / "images", diagnostics, partial=True)
        seen.append(next(d.location.file for d in diagnostics.errors if "subtitel" in d.message))
    assert seen == ["content/tiny/nb.yaml", "tiny/nb.yaml"]


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES.keys())
@pytest.mark.parametrize("saved", SAVED_AS.values(), ids=SAVED_AS.keys())
def test_mistake_in_such_a_file_is_reported_at_the_line_an_editor_shows(project, run, saved, mistake):
    encoding, bom, newline = saved
    old, new, col, message = mistake
    edit(project / NB, old, new + "  # BAD")
    line = line_of(project / NB, "# BAD")
    save_as(project / NB, nb_text(project), encoding, bom, newline)
    result = run(project, "check")
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert f"{NB}:{line}:{col}: error: {message}" in result.err, result.err


def test_first_key_after_a_bom_is_at_line_1_column_1(project, run):
    edit(project / NB, "language: nb", "langauge: nb")
    save_as(project / NB, nb_text(project), "utf-8", b"\xef\xbb\xbf")
    result = run(project, "check")
    assert f"{NB}:1:1: error: unknown key 'langauge'" in result.err, result.err


def test_nfd_and_nfc_spellings_are_the_same_text(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(f"a: {unicodedata.normalize('NFD', 'Ålesund på tå')}\nb: Ålesund på tå\n", encoding="utf-8")
    loaded = load_yaml(path, "x.yaml", Diagnostics())
    assert loaded.data["a"] == loaded.data["b"] == "Ålesund på tå"


@pytest.mark.parametrize("codec, bom", [("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")])
def test_utf32_with_bom_is_read(tmp_path, codec, bom):
    path = tmp_path / "x.yaml"
    path.write_bytes(bom + "a: Hælspore\r\nb:\r\n  - på tå\r\n".encode(codec))
    diagnostics = Diagnostics()
    loaded = load_yaml(path, "x.yaml", diagnostics)
    assert not diagnostics.items
    assert loaded.data["a"] == "Hælspore" and loaded.data["b"] == ("på tå",)
    assert loaded.data["__at__"].items["b"][0].line == 3


def test_windows_1252_file_is_refused_with_file_line_and_encoding(project, run):
    assert run(project, *BUILD).code == 0
    before = written(project)
    # "–" (en dash) exists in Windows-1252 too (0x96): the whole file encodes.
    line = line_of(project / NB, "disclaimer: Ikke ekte råd.")
    save_as(project / NB, nb_text(project), "cp1252", newline="\r\n")
    for command in (BUILD, ("check",)):
        result = run(project, *command)
        assert result.code == 1, result.out + result.err
        assert "Traceback" not in result.out + result.err and "internal error" not in result.err
        col = len("disclaimer: Ikke ekte r") + 1
        assert (
            f"{NB}:{line}:{col}: error: the file is not saved as UTF-8: it looks like Windows-1252 "
            f"(\"ANSI\"), where byte 0xE5 here is 'å'"
        ) in result.err, result.err
        assert "hint: save the file as UTF-8" in result.err
        assert len(error_lines(result.err)) == 1, result.err
    assert written(project) == before


def test_undefined_byte_names_the_file_and_the_byte(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: ok\nb: x\x81y\n")  # 0x81 is not a character in Windows-1252 either
    diagnostics = Diagnostics()
    assert load_yaml(path, "x.yaml", diagnostics) is None
    [error] = diagnostics.errors
    assert (error.location.file, error.location.line, error.location.col) == ("x.yaml", 2, 5)
    assert "not saved as UTF-8" in error.message and "0x81" in error.message


def test_utf16_without_bom_is_refused_naming_the_encoding(project, run):
    assert run(project, *BUILD).code == 0
    before = written(project)
    save_as(project / NB, nb_text(project), "utf-16-le")
    result = run(project, *BUILD)
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert (
        f"{NB}: error: the file is not saved as UTF-8: it looks like UTF-16 without a byte-order mark" in result.err
    ), result.err
    assert written(project) == before


def test_damaged_utf16_is_refused_at_its_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xff\xfe" + "a: ok\nb: x".encode("utf-16-le") + b"\x00\xdc" + "y\n".encode("utf-16-le"))
    diagnostics = Diagnostics()
    assert load_yaml(path, "x.yaml", diagnostics) is None
    [error] = diagnostics.errors
    assert (error.location.line, error.location.col) == (2, 5)
    assert "UTF-16 byte-order mark, but is not valid UTF-16" in error.message


@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
def test_yaml_features_content_never_needs_are_refused_at_their_position(tmp_path, case):
    text, line, col, message, hint = case
    loaded_file, diagnostics = _load(tmp_path, text)
    assert loaded_file is None
    [error] = diagnostics.errors
    assert (error.location.line, error.location.col) == (line, col), error
    assert message in error.message and hint in error.hint, error


def test_quoted_markup_characters_stay_text(tmp_path):
    loaded_file, diagnostics = _load(tmp_path, 'a: "*Viktig* tekst"\nb: "&Co"\nc: "!Obs"\nd: Obs! *ikke* & så\n')
    assert not diagnostics.items
    assert [loaded_file.data[k] for k in "abcd"] == ["*Viktig* tekst", "&Co", "!Obs", "Obs! *ikke* & så"]


@pytest.mark.parametrize("char", DIRECTION.values(), ids=DIRECTION.keys())
def test_direction_changing_characters_are_refused_at_their_line(project, run, char):
    nb = project / "content/tiny/nb.yaml"
    edit(nb, "title: Liten tilstand", f'title: "Liten {char}gpj.exe"')
    result = run(project, "check", "--lang", "nb")
    assert_no_traceback(result)
    assert result.code == 1
    line = line_of(nb, "title:")
    [error] = [e for e in error_lines(result.err) if e.startswith(f"content/tiny/nb.yaml:{line}:")]
    assert f"U+{ord(char):04X}" in error and "direction" in error
    assert "hint: delete it" in result.err


def test_the_marks_and_joiners_scripts_need_stay(tmp_path):
    from generator.diagnostics import Diagnostics
    from generator.loading.yaml_source import load_yaml

    kept = "می\u200cخواهم \u200d a\u200eb\u200f c\u061c d\u00ade"
    path = tmp_path / "x.yaml"
    path.write_text(f"a: {json.dumps(kept)}\n", encoding="utf-8")
    diagnostics = Diagnostics()
    read = load_yaml(path, "x.yaml", diagnostics)
    assert not diagnostics.items and read.data["a"] == kept
