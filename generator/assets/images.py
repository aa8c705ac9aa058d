"""Images as the outputs embed them: upright, RGB, resampled to the size they are shown, no metadata.

Both renderers go through :func:`prepared`, so a phone photo's EXIF rotation is applied, CMYK
JPEGs become RGB (documented in the README), and EXIF/GPS metadata never reaches a PDF or PPTX:
the picture is decoded and encoded again with nothing but its pixels. Drawings (PNG) stay PNG;
photos (JPEG) stay JPEG; the PDFs and the deck ask for JPEG for any opaque picture, which keeps
files small (a drawing without transparency becomes a high-quality JPEG too).
"""

from __future__ import annotations

import difflib
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import PIL
from PIL import Image, UnidentifiedImageError

from generator.assets import files
from generator.assets.cache import cached, cached_object, code_of
from generator.diagnostics import display_path


@dataclass(frozen=True)
class Prepared:
    data: bytes
    width: int  # pixels
    height: int
    format: str  # "PNG" or "JPEG"

    @property
    def ratio(self) -> float:
        return self.width / self.height


_SIDEWAYS = {5, 6, 7, 8}  # EXIF orientations that swap width and height


def upright_size(path: Path) -> tuple[int, int]:
    """Pixel size as the picture will be shown, after its EXIF rotation."""
    stat = Path(path).stat()
    return _upright_size(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _upright_size(path: str, _mtime: int, _size: int) -> tuple[int, int]:
    # A PNG's EXIF may follow its pixels: Pillow decodes the whole picture to find it (~10 ms a
    # megapixel), so the answer is kept until the file changes, and on disk by the file's bytes.
    data = Path(path).read_bytes()
    stored = cached("upright", (PIL.__version__, code_of(__file__), data), lambda: _measure(data))
    width, height = stored.split(b"x")
    return int(width), int(height)


def _measure(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as probe:
        sideways = (probe.getexif().get(0x0112) or 1) in _SIDEWAYS
        width, height = (probe.height, probe.width) if sideways else (probe.width, probe.height)
    return f"{width}x{height}".encode()


def prepared(path: Path, max_width_px: int | None = None, prefer_jpeg: bool = False) -> Prepared:
    """The picture ready to embed. ``prefer_jpeg``: encode opaque pictures as JPEG (q 92, no
    chroma subsampling), which a PDF stores as is: a tenth of the size of reportlab's raw pixels."""
    stat = Path(path).stat()
    return _prepared(str(path), stat.st_mtime_ns, stat.st_size, max_width_px, prefer_jpeg)


_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@lru_cache(maxsize=32)
def _prepared(path: str, _mtime: int, _size: int, max_width_px: int | None, prefer_jpeg: bool) -> Prepared:
    # Kept on disk by the picture's bytes and the code that prepares it (issue 26): decoding and
    # resampling a large drawing is a fresh process's slowest first step, and its result never changes.
    data = Path(path).read_bytes()
    key = (PIL.__version__, code_of(__file__), repr((max_width_px, prefer_jpeg)), data)
    return cached_object("prepared", key, lambda: _prepare(data, max_width_px, prefer_jpeg))


def _prepare(data: bytes, max_width_px: int | None, prefer_jpeg: bool) -> Prepared:
    # Scaled down first, rotated and converted after: only the decoded original is ever large.
    with Image.open(io.BytesIO(data)) as source:
        orientation = source.getexif().get(0x0112) or 1
        has_alpha = source.mode in ("RGBA", "LA") or (source.mode == "P" and "transparency" in source.info)
        kind = "JPEG" if source.format == "JPEG" or (prefer_jpeg and not has_alpha) else "PNG"
        picture = (
            source if source.mode in ("RGB", "RGBA", "L", "LA") else source.convert("RGBA" if has_alpha else "RGB")
        )
        upright_width = picture.height if orientation in _SIDEWAYS else picture.width
        if max_width_px and upright_width > max_width_px:
            scale = max_width_px / upright_width
            picture = picture.resize(
                (max(1, round(picture.width * scale)), max(1, round(picture.height * scale))), Image.Resampling.LANCZOS
            )
        else:
            picture = picture.copy()
    if orientation in _TRANSPOSE:
        picture = picture.transpose(_TRANSPOSE[orientation])  # upright, as the camera meant it
    picture = picture.convert("RGBA" if has_alpha and kind == "PNG" else "RGB")
    out = io.BytesIO()
    if kind == "JPEG":
        picture.save(out, format="JPEG", quality=92, subsampling=0, optimize=True)
    else:
        picture.save(out, format="PNG", compress_level=6)
    return Prepared(out.getvalue(), picture.width, picture.height, kind)


IMAGE_FORMATS = {"PNG", "JPEG"}
MAX_PIXELS = 40_000_000  # larger is never needed for print, and decoding it could exhaust memory


def resolve_image(file: str, images_dir: Path) -> tuple[Path | None, str, str]:
    """The image's real path inside ``images_dir``, or (None, problem, hint).

    ``..`` and symlinks are resolved first (:mod:`generator.assets.files`), so neither can reach a
    file outside ``images/``; the file must be a regular file of at most ``Limit.IMAGE`` bytes.
    """
    root = images_dir.resolve()
    candidate = Path(file)
    if candidate.is_absolute():
        return None, f"image path '{file}' is absolute", "write the path relative to the images/ folder"
    if not (root / candidate).resolve().is_relative_to(root) and not (root / candidate).is_symlink():
        return (
            None,
            f"image path '{file}' leads outside the images/ folder",
            "copy the image into images/ and write its name",
        )
    try:
        resolved = files.confined(root / candidate, root, files.Limit.IMAGE)
    except files.Refused as exc:
        return None, f"image '{file}': {exc.problem}", exc.hint
    except OSError:
        close = (
            difflib.get_close_matches(file, [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()], n=1)
            if root.is_dir()
            else []
        )
        hint = f"did you mean '{close[0]}'?" if close else f"put the file into {display_path(images_dir)}/"
        return None, f"image '{file}' not found in {display_path(images_dir)}/", hint
    problem = _image_problem(str(resolved), resolved.stat().st_mtime_ns, file)
    return (None, *problem) if problem else (resolved, "", "")


@lru_cache(maxsize=64)
def _image_problem(path: str, _mtime_ns: int, file: str) -> tuple[str, str] | None:
    """(problem, hint) for an image that cannot be used, else None. Cached, and on disk by the file's bytes:
    decoding the whole picture is a fresh build's slowest step before drawing (~35 ms a large drawing)."""
    key = (PIL.__version__, code_of(__file__), path, file, Path(path).read_bytes())
    found = json.loads(cached("image-check", key, lambda: json.dumps(_check(path, file)).encode()))
    return tuple(found) if found else None


def _check(path: str, file: str) -> tuple[str, str] | None:
    resolved = Path(path)
    try:
        with Image.open(resolved) as img:
            kind, (width, height) = img.format, img.size
            if width * height > MAX_PIXELS:
                return (
                    f"image '{file}' is {width} x {height} pixels, more than {MAX_PIXELS // 1_000_000} megapixels"
                ), "scale it down to at most 4000 pixels wide before adding it"
            img.verify()
    except Image.DecompressionBombError:
        return f"image '{file}' claims an enormous size (a decompression bomb?)", "export it again as PNG or JPEG"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"image '{file}' cannot be read ({exc.__class__.__name__}: {exc})", "export it again as PNG or JPEG"
    if kind not in IMAGE_FORMATS:
        return f"image '{file}' is {kind}, not PNG or JPEG", "export it as PNG (drawings) or JPEG (photos)"
    try:
        with Image.open(resolved) as img:
            img.load()  # verify() checks the structure; decoding finds a cut-off file
    except (OSError, SyntaxError, ValueError) as exc:
        return f"image '{file}' is damaged ({exc})", "export it again as PNG or JPEG"
    return None
