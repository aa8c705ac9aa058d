from __future__ import annotations

import os
import struct
import zlib

import pytest

from generator.assets import images
from support.content import FIXTURES, edit, line_of
from support.pictures import CONDITION, build_with_pictures, photo, use_picture


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
    use_picture(project, name)
    result = build_with_pictures(project, run)
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
    use_picture(project, "bomb.png")
    result = build_with_pictures(project, run)
    assert result.code == 1 and "Traceback" not in result.err
    assert "megapixels" in result.err or "decompression bomb" in result.err


def test_outside_the_images_folder_is_refused(project, run, tmp_path):
    secret = tmp_path / "secret.png"
    photo().save(secret)
    os.symlink(secret, project / "images/link.png")
    use_picture(project, "link.png")
    result = build_with_pictures(project, run)
    assert result.code == 1 and "leads outside its folder" in result.err and str(secret) in result.err
    edit(project / CONDITION, "file: link.png", "file: ../../secret.png")
    assert "leads outside the images/ folder" in build_with_pictures(project, run).err


def test_a_prepared_picture_is_served_from_disk_until_its_bytes_change(tmp_path, monkeypatch):
    """Issue 26: a fresh process takes the resampled picture from the disk cache; new bytes are prepared anew."""
    monkeypatch.setenv("LEAFDECK_CACHE", str(tmp_path / "cache"))
    picture = tmp_path / "circle.png"
    picture.write_bytes((FIXTURES / "minimal/images/circle.png").read_bytes())
    first = images.prepared(picture, 40, prefer_jpeg=True)
    images._prepared.cache_clear()  # a fresh process

    def no_drawing(*args):
        raise AssertionError("prepared again")

    monkeypatch.setattr(images, "_prepare", no_drawing)
    assert images.prepared(picture, 40, prefer_jpeg=True) == first and first.width == 40
    os.utime(picture, ns=(1, 1))  # the same bytes under another time: still the same entry
    images._prepared.cache_clear()
    assert images.prepared(picture, 40, prefer_jpeg=True) == first
    picture.write_bytes(picture.read_bytes() + b"\0")  # other bytes: prepared anew
    with pytest.raises(AssertionError, match="prepared again"):
        images.prepared(picture, 40, prefer_jpeg=True)


def test_a_pictures_upright_size_is_served_from_disk_until_its_bytes_change(tmp_path, monkeypatch):
    """Issue 26: finding a PNG's EXIF decodes the whole picture; a fresh process reads the answer from disk."""
    monkeypatch.setenv("LEAFDECK_CACHE", str(tmp_path / "cache"))
    picture = tmp_path / "circle.png"
    picture.write_bytes((FIXTURES / "minimal/images/circle.png").read_bytes())
    first = images.upright_size(picture)
    images._upright_size.cache_clear()  # a fresh process

    def no_decoding(data):
        raise AssertionError("measured again")

    monkeypatch.setattr(images, "_measure", no_decoding)
    assert images.upright_size(picture) == first and min(first) > 0
    picture.write_bytes(picture.read_bytes() + b"\0")
    with pytest.raises(AssertionError, match="measured again"):
        images.upright_size(picture)


def test_an_images_check_is_served_from_disk_good_or_bad(tmp_path, monkeypatch):
    """Issue 26: checking a picture decodes it whole; a fresh process takes the verdict from disk, a refusal too."""
    monkeypatch.setenv("LEAFDECK_CACHE", str(tmp_path / "cache"))
    good, bad = tmp_path / "circle.png", tmp_path / "notes.png"
    good.write_bytes((FIXTURES / "minimal/images/circle.png").read_bytes())
    bad.write_bytes(b"this is a text file, not a picture")
    verdicts = [images._image_problem(str(p), p.stat().st_mtime_ns, p.name) for p in (good, bad)]
    assert verdicts[0] is None and "cannot be read" in verdicts[1][0]
    images._image_problem.cache_clear()  # a fresh process

    def no_decoding(path, file):
        raise AssertionError("checked again")

    monkeypatch.setattr(images, "_check", no_decoding)
    assert [images._image_problem(str(p), p.stat().st_mtime_ns, p.name) for p in (good, bad)] == verdicts
