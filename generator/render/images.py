"""Images as the outputs embed them: upright, RGB, resampled to the size they are shown, no metadata.

Both renderers go through :func:`prepared`, so a phone photo's EXIF rotation is applied, CMYK
JPEGs become RGB (documented in the README), and EXIF/GPS metadata never reaches a PDF or PPTX:
the picture is decoded and encoded again with nothing but its pixels. Drawings (PNG) stay PNG;
photos (JPEG) stay JPEG; the PDFs and the deck ask for JPEG for any opaque picture, which keeps
files small (a drawing without transparency becomes a high-quality JPEG too).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image


@dataclass(frozen=True)
class Prepared:
    data: bytes
    width: int                 # pixels
    height: int
    format: str                # "PNG" or "JPEG"

    @property
    def ratio(self) -> float:
        return self.width / self.height


_SIDEWAYS = {5, 6, 7, 8}            # EXIF orientations that swap width and height


def upright_size(path: Path) -> tuple[int, int]:
    """Pixel size as the picture will be shown, after its EXIF rotation; reads the header only."""
    with Image.open(path) as probe:
        sideways = (probe.getexif().get(0x0112) or 1) in _SIDEWAYS
        return (probe.height, probe.width) if sideways else (probe.width, probe.height)


def prepared(path: Path, max_width_px: int | None = None, prefer_jpeg: bool = False) -> Prepared:
    """The picture ready to embed. ``prefer_jpeg``: encode opaque pictures as JPEG (q 92, no
    chroma subsampling), which a PDF stores as is: a tenth of the size of reportlab's raw pixels."""
    stat = Path(path).stat()
    return _prepared(str(path), stat.st_mtime_ns, stat.st_size, max_width_px, prefer_jpeg)


_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
              5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}


@lru_cache(maxsize=32)
def _prepared(path: str, _mtime: int, _size: int, max_width_px: int | None, prefer_jpeg: bool) -> Prepared:
    # Scaled down first, rotated and converted after: only the decoded original is ever large.
    with Image.open(path) as source:
        orientation = source.getexif().get(0x0112) or 1
        has_alpha = source.mode in ("RGBA", "LA") or (source.mode == "P" and "transparency" in source.info)
        kind = "JPEG" if source.format == "JPEG" or (prefer_jpeg and not has_alpha) else "PNG"
        picture = source if source.mode in ("RGB", "RGBA", "L", "LA") else source.convert("RGBA" if has_alpha else "RGB")
        upright_width = picture.height if orientation in _SIDEWAYS else picture.width
        if max_width_px and upright_width > max_width_px:
            scale = max_width_px / upright_width
            picture = picture.resize((max(1, round(picture.width * scale)), max(1, round(picture.height * scale))),
                                     Image.Resampling.LANCZOS)
        else:
            picture = picture.copy()
    if orientation in _TRANSPOSE:
        picture = picture.transpose(_TRANSPOSE[orientation])        # upright, as the camera meant it
    picture = picture.convert("RGBA" if has_alpha and kind == "PNG" else "RGB")
    out = io.BytesIO()
    if kind == "JPEG":
        picture.save(out, format="JPEG", quality=92, subsampling=0, optimize=True)
    else:
        picture.save(out, format="PNG", compress_level=6)
    return Prepared(out.getvalue(), picture.width, picture.height, kind)
