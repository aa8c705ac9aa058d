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

from support.content import edit
from support.read import deck_text
from support.saving import BUILD, NB, SAVED_AS, nb_text, save_as
from support.tools import pdftotext

OUT = Path("output/default/tiny/nb")
COMBINING = range(0x300, 0x370)


def _texts(project: Path) -> dict[str, str]:
    """Each output's text, its line breaks as spaces."""
    texts = {
        "leaflet": pdftotext(project / OUT / "tiny_nb_leaflet.pdf"),
        "brochure": pdftotext(project / OUT / "tiny_nb_brochure.pdf"),
        "deck": deck_text(project / OUT / "tiny_nb_deck.pptx"),
    }
    return {product: " ".join(text.split()) for product, text in texts.items()}


# --- files that must be read ----------------------------------------------------------------------


@pytest.mark.parametrize("saved", SAVED_AS.values(), ids=SAVED_AS.keys())
def test_file_saved_by_windows_or_mac_editor_builds_with_its_text(project, run, saved):
    encoding, bom, newline = saved
    edit(project / NB, "title: Liten tilstand", "title: Hælspore på Ålesund")
    save_as(project / NB, nb_text(project), encoding, bom, newline)
    result = run(project, *BUILD)
    assert result.code == 0, result.err
    assert "Traceback" not in result.out + result.err
    for product, text in _texts(project).items():
        assert "Hælspore på Ålesund" in text, product
        assert "Første avsnitt med kursiv" in text or product == "deck", product
        assert "\ufeff" not in text and "\r" not in text, product


def test_nfd_letters_from_macos_arrive_as_nfc_in_every_output(project, run):
    edit(project / NB, "title: Liten tilstand", "title: Hælspore æøå Ålesund")
    edit(project / NB, "      - p: Klinisk tekst.", "      - p: Klinisk tekst om hælspore på Ålesund, café.")
    nfd = unicodedata.normalize("NFD", nb_text(project))
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


# --- files that must be refused, clearly, without touching the outputs ---------------------------
