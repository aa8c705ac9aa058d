"""Content files as Windows and macOS editors save them.

- CRLF (Windows) and CR (classic Mac) line ends: read, with the same line numbers an editor shows;
- a UTF-8 byte-order mark (Notepad, Excel's "UTF-8 CSV" habit): read, and no U+FEFF in any text;
- NFD-decomposed letters (macOS file names and some Mac editors write "å" as "a" + U+030A): read
  and composed to NFC, so the PDFs and the deck hold one character per letter;
- UTF-16 or UTF-32 with a byte-order mark (Notepad's "Unicode"): read;
- Windows-1252 ("ANSI") or any other 8-bit encoding, and UTF-16 without a byte-order mark: refused
  with the file, the line and column of the first byte that is not UTF-8 and the encoding it most
  likely is, exit 1, no traceback, and the earlier outputs untouched. leafdeck does not guess an
  8-bit encoding: Windows-1252 and Mac Roman disagree on "æøå", and a wrong guess would print
  wrong letters on a patient leaflet without any error.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import edit, line_of
from test_hostile_input import deck_text
from tools import pdftotext

from generator.diagnostics import Diagnostics
from generator.loading.yaml_source import load_yaml

NB = "content/tiny/nb.yaml"
OUT = Path("output/default/tiny/nb")
BUILD = ("--jobs", "1", "--lang", "nb", "--product", "leaflet,brochure,deck")
COMBINING = range(0x300, 0x370)


def _texts(project: Path) -> dict[str, str]:
    """Each output's text, its line breaks as spaces."""
    texts = {
        "leaflet": pdftotext(project / OUT / "tiny_nb_leaflet.pdf"),
        "brochure": pdftotext(project / OUT / "tiny_nb_brochure.pdf"),
        "deck": deck_text(project / OUT / "tiny_nb_deck.pptx"),
    }
    return {product: " ".join(text.split()) for product, text in texts.items()}


def _save(path: Path, text: str, encoding: str, bom: bytes = b"", newline: str = "\n") -> None:
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))


def _nb(project: Path) -> str:
    return (project / NB).read_text(encoding="utf-8")


def _outputs(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}


# --- files that must be read ----------------------------------------------------------------------

SAVED_AS = {
    "CRLF (Windows)": ("utf-8", b"", "\r\n"),
    "CR (classic Mac)": ("utf-8", b"", "\r"),
    "UTF-8 with BOM": ("utf-8", b"\xef\xbb\xbf", "\n"),
    "UTF-8 with BOM and CRLF (Notepad)": ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    "UTF-16 LE with BOM (Notepad 'Unicode')": ("utf-16-le", b"\xff\xfe", "\r\n"),
    "UTF-16 BE with BOM": ("utf-16-be", b"\xfe\xff", "\n"),
}


@pytest.mark.parametrize("saved", SAVED_AS.values(), ids=SAVED_AS.keys())
def test_file_saved_by_windows_or_mac_editor_builds_with_its_text(project, run, saved):
    encoding, bom, newline = saved
    edit(project / NB, "title: Liten tilstand", "title: Hælspore på Ålesund")
    _save(project / NB, _nb(project), encoding, bom, newline)
    result = run(project, *BUILD)
    assert result.code == 0, result.err
    assert "Traceback" not in result.out + result.err
    for product, text in _texts(project).items():
        assert "Hælspore på Ålesund" in text, product
        assert "Første avsnitt med kursiv" in text or product == "deck", product
        assert "\ufeff" not in text and "\r" not in text, product


MISTAKES = {
    "unknown key": ("subtitle: En test", "subtitel: En test", 1, "unknown key 'subtitel'"),
    "raw control character": (
        "disclaimer: Ikke ekte råd.",
        "disclaimer: Ikke \x07ekte råd.",
        18,
        "text contains the invisible character U+0007",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES.keys())
@pytest.mark.parametrize("saved", SAVED_AS.values(), ids=SAVED_AS.keys())
def test_mistake_in_such_a_file_is_reported_at_the_line_an_editor_shows(project, run, saved, mistake):
    encoding, bom, newline = saved
    old, new, col, message = mistake
    edit(project / NB, old, new + "  # BAD")
    line = line_of(project / NB, "# BAD")
    _save(project / NB, _nb(project), encoding, bom, newline)
    result = run(project, "check")
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert f"{NB}:{line}:{col}: error: {message}" in result.err, result.err


def test_first_key_after_a_bom_is_at_line_1_column_1(project, run):
    edit(project / NB, "language: nb", "langauge: nb")
    _save(project / NB, _nb(project), "utf-8", b"\xef\xbb\xbf")
    result = run(project, "check")
    assert f"{NB}:1:1: error: unknown key 'langauge'" in result.err, result.err


def test_nfd_letters_from_macos_arrive_as_nfc_in_every_output(project, run):
    edit(project / NB, "title: Liten tilstand", "title: Hælspore æøå Ålesund")
    edit(project / NB, "      - p: Klinisk tekst.", "      - p: Klinisk tekst om hælspore på Ålesund, café.")
    nfd = unicodedata.normalize("NFD", _nb(project))
    assert "a\u030a" in nfd and "e\u0301" in nfd  # å and é are decomposed (æ and ø have no decomposition)
    (project / NB).write_text(nfd, encoding="utf-8")
    result = run(project, *BUILD)
    assert result.code == 0, result.err
    texts = _texts(project)
    for product, text in texts.items():
        assert "Hælspore æøå Ålesund" in text, product
        assert not [c for c in text if ord(c) in COMBINING], (product, ascii(text))
        assert unicodedata.is_normalized("NFC", text), product
    assert "Punkt én" in texts["leaflet"] and "Ikke ekte råd." in texts["leaflet"]
    assert "Klinisk tekst om hælspore på Ålesund, café." in texts["deck"]


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


# --- files that must be refused, clearly, without touching the outputs ---------------------------


def test_windows_1252_file_is_refused_with_file_line_and_encoding(project, run):
    assert run(project, *BUILD).code == 0
    before = _outputs(project)
    # "–" (en dash) exists in Windows-1252 too (0x96): the whole file encodes.
    line = line_of(project / NB, "disclaimer: Ikke ekte råd.")
    _save(project / NB, _nb(project), "cp1252", newline="\r\n")
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
        assert len([l for l in result.err.splitlines() if ": error: " in l]) == 1, result.err
    assert _outputs(project) == before


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
    before = _outputs(project)
    _save(project / NB, _nb(project), "utf-16-le")
    result = run(project, *BUILD)
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert (
        f"{NB}: error: the file is not saved as UTF-8: it looks like UTF-16 without a byte-order mark" in result.err
    ), result.err
    assert _outputs(project) == before


def test_damaged_utf16_is_refused_at_its_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xff\xfe" + "a: ok\nb: x".encode("utf-16-le") + b"\x00\xdc" + "y\n".encode("utf-16-le"))
    diagnostics = Diagnostics()
    assert load_yaml(path, "x.yaml", diagnostics) is None
    [error] = diagnostics.errors
    assert (error.location.line, error.location.col) == (2, 5)
    assert "UTF-16 byte-order mark, but is not valid UTF-16" in error.message
