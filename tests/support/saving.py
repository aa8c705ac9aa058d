"""Content files saved the ways Windows and macOS editors save them: line ends, byte-order marks and
encodings (for the loader's tests and the end-to-end ones)."""

from __future__ import annotations

from pathlib import Path

NB = "content/tiny/nb.yaml"
SAVED_AS = {
    "CRLF (Windows)": ("utf-8", b"", "\r\n"),
    "CR (classic Mac)": ("utf-8", b"", "\r"),
    "UTF-8 with BOM": ("utf-8", b"\xef\xbb\xbf", "\n"),
    "UTF-8 with BOM and CRLF (Notepad)": ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    "UTF-16 LE with BOM (Notepad 'Unicode')": ("utf-16-le", b"\xff\xfe", "\r\n"),
    "UTF-16 BE with BOM": ("utf-16-be", b"\xfe\xff", "\n"),
}


def save_as(path: Path, text: str, encoding: str, bom: bytes = b"", newline: str = "\n") -> None:
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))


def nb_text(project: Path) -> str:
    return (project / NB).read_text(encoding="utf-8")


BUILD = ("--jobs", "1", "--lang", "nb", "--product", "leaflet,brochure,deck")


def written(project: Path) -> dict[str, bytes]:
    """Every file under the project's output folder, by name."""
    return {p.name: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
