"""Images staff drop into images/: each is a clear error or a correct, documented conversion."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

import pytest
from conftest import edit, line_of
from PIL import Image
from tools import pdfimages

CONDITION = "content/tiny/condition.yaml"
OUT = "output/default/tiny/nb"


def _build(project, run):
    return run(project, "--lang", "nb", "--product", "leaflet,deck", "--jobs", "1")


def _use(project, name: str) -> None:
    edit(project / CONDITION, "file: circle.png", f"file: {name}")


def _photo(width=300, height=200, mode="RGB") -> Image.Image:
    image = Image.new("RGB", (width, height), (200, 60, 40))
    for x in range(0, width, 10):
        for y in range(height // 2):
            image.putpixel((x, y), (20, 40, 200))
    return image.convert(mode)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("notes.png", b"this is a text file, not a picture", "cannot be read"),
        ("cut.png", None, "cannot be read"),  # a truncated PNG (filled in below)
    ],
)
def test_unreadable_images_are_errors_at_their_line(project, run, name, data, message):
    if data is None:
        whole = (project / "images/circle.png").read_bytes()
        data = whole[: len(whole) // 2]
    (project / "images" / name).write_bytes(data)
    _use(project, name)
    result = _build(project, run)
    assert result.code == 1 and "Traceback" not in result.err
    assert f"{CONDITION}:{line_of(project / CONDITION, 'file: ' + name)}:" in result.err and message in result.err


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge size: what a decompression bomb looks like to a loader."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(9000, 9000), (50000, 50000)])
def test_decompression_bombs_are_refused(project, run, size):
    (project / "images/bomb.png").write_bytes(_png_header_only(*size))
    _use(project, "bomb.png")
    result = _build(project, run)
    assert result.code == 1 and "Traceback" not in result.err
    assert "megapixels" in result.err or "decompression bomb" in result.err


def test_outside_the_images_folder_is_refused(project, run, tmp_path):
    secret = tmp_path / "secret.png"
    _photo().save(secret)
    os.symlink(secret, project / "images/link.png")
    _use(project, "link.png")
    result = _build(project, run)
    assert result.code == 1 and "leads outside its folder" in result.err and str(secret) in result.err
    edit(project / CONDITION, "file: link.png", "file: ../../secret.png")
    assert "leads outside the images/ folder" in _build(project, run).err


def test_jpeg_renamed_as_png_cmyk_and_huge_pictures_are_converted(project, run):
    _photo(5200, 3400, "CMYK").save(project / "images/photo.png", format="JPEG")  # wrong extension, CMYK
    _use(project, "photo.png")
    result = _build(project, run)
    assert result.code == 0, result.err
    listed = pdfimages(project / OUT / "tiny_nb_leaflet.pdf")
    assert listed and all(row[5] == "rgb" for row in listed)
    assert all(int(row[3]) < 1200 for row in listed)  # resampled to its placed size, not 5200 px


def test_exif_rotation_is_applied_and_metadata_stripped(project, run):
    image = _photo(300, 150)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees when shown
    exif[0x010F] = "SecretCam"  # camera make: must not leak
    exif[0x8825] = {1: "N", 2: (59.0, 55.0, 0.0)}  # GPS position: must not leak
    image.save(project / "images/phone.jpg", exif=exif.tobytes())
    _use(project, "phone.jpg")
    assert _build(project, run).code == 0
    pdf = project / OUT / "tiny_nb_leaflet.pdf"
    width, height = (int(v) for v in pdfimages(pdf)[0][3:5])
    assert height > width  # shown upright: portrait
    assert b"SecretCam" not in pdf.read_bytes() and b"Exif" not in pdf.read_bytes()
    with zipfile.ZipFile(project / OUT / "tiny_nb_deck.pptx") as deck:
        media = [deck.read(n) for n in deck.namelist() if n.startswith("ppt/media/")]
    assert media and not any(b"SecretCam" in m or b"Exif" in m for m in media)
    picture = Image.open(io.BytesIO(media[0]))
    assert picture.height > picture.width
