"""What a web page carries beside its HTML: its script's fonts cut down to the page's characters (WOFF2,
fontTools) and its pictures at screen sizes for ``srcset`` (WebP, Pillow). Every file is made
the same way from the same input, byte for byte, so a rebuild changes nothing."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import fontTools
import PIL
from PIL import Image, ImageOps

from generator.assets.cache import cached, cached_object, code_of
from generator.assets.fonts import LATIN, FontChain, body_family, chain, default_chain, own_family

# (file name after the family's slug, CSS font-weight, CSS font-style, FontFamily field)
FACES = (
    ("regular.woff2", 400, "normal", "regular"),
    ("bold.woff2", 700, "normal", "bold"),
    ("italic.woff2", 400, "italic", "italic"),
)
WIDTHS = (480, 960)  # a phone at 1x-2x and a desktop column; never wider than the original
WEBP_QUALITY = 80
LOGO_HEIGHT = 112  # pixels: twice the 56 px it is shown at


@dataclass(frozen=True)
class Face:
    file: str
    weight: int
    style: str


@dataclass(frozen=True)
class Picture:
    """One picture at several widths: ``files`` [(name, width, bytes)], widest last."""

    files: tuple[tuple[str, int, bytes], ...]
    width: int
    height: int

    @property
    def src(self) -> str:
        return self.files[-1][0]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{name} {width}w" for name, width, _ in self.files)


def family_slug(fonts: str | FontChain = LATIN) -> str:
    """The file-name stem of a text's web fonts (``fonts``: a chain, or a script for its chain): "fira-sans",
    "noto-sans-ethiopic"."""
    return body_family(fonts).name.lower().replace(" ", "-")


def other_scripts(texts: list[str], fonts: str | FontChain = LATIN) -> list[str]:
    """The scripts among ``texts`` (the names of other language versions, say) whose letters need a family
    of their own that the page's fonts (a chain, or a script for its chain) do not hold: the page ships those
    families too."""
    from fontTools import unicodedata as ucd  # noqa: PLC0415 - only for pages with other scripts

    found: dict[str, None] = {}
    mine = own_family(fonts)
    for text in texts:
        for char in text:
            if char >= "\u0370" and char.isalpha():
                other = ucd.script(char)
                if own_family(other) and own_family(other) != mine:
                    found.setdefault(other)
    return list(found)


def font_files(
    text: str, script: str = LATIN, others: list[str] | None = None, fonts: FontChain | None = None
) -> list[tuple[Face, bytes]]:
    """Every face of the page's family (``fonts``, else ``script``'s chain; fallbacks merged in), cut to the
    characters of most languages written in Latin letters (Latin-1, Latin Extended-A, punctuation); a page
    with a character beyond them, or in a clinic's or language's own fonts, gets faces cut to its own
    characters from the whole font instead. A browser fetches a face only when the page has text in it: the
    italic of a page without emphasis costs nothing."""
    used = set(text)
    fonts = fonts or default_chain(script)
    slug = family_slug(fonts)
    latin = script == LATIN
    broad = latin and fonts == default_chain(LATIN) and used <= _BROAD_SET
    return [
        (
            Face(f"{slug}-{name}", weight, style),
            _broad(field, True) if broad else _own(field, _chars(used), fonts, latin=latin),
        )
        for name, weight, style, field in FACES
    ] + [
        (Face(f"{own_slug(other)}-{name}", weight, style), _own(field, _chars(used), other, own=True))
        for other in others or ()
        for name, weight, style, field in FACES
        if style == "normal"  # a language's name in the list of versions: regular and bold only
    ]


def own_slug(script: str) -> str:
    """The file-name stem of the family that draws ``script``'s letters on a page in another script."""
    return chain(script)[0].name.lower().replace(" ", "-")


# Cut once per process (and kept on disk): the pages of a run share them.
_BROAD = "".join(
    chr(c)
    for c in (*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2027), 0x2039, 0x203A, 0x20AC, 0x2122, 0x2212)
)
_BROAD_SET = set(_BROAD) | {"\n", "\t", "\r"}


def _chars(used: set[str]) -> str:
    return "".join(sorted(used | set(_BROAD[:0x5F])))  # with basic Latin, for a browser's own list numbers


@lru_cache(maxsize=6)
def _broad(face: str, woff2: bool) -> bytes:
    return _cut(getattr(body_family(), face).read_bytes(), _BROAD, "woff2" if woff2 else None)


@lru_cache(maxsize=16)
def _own(face: str, characters: str, fonts: str | FontChain = LATIN, own: bool = False, latin: bool = False) -> bytes:
    """``own``: the first family alone (for a script's letters on a page in another script), else the whole
    merged chain (``fonts``: a chain, or a script for its chain)."""
    # Arabic letters take their joining forms (init, medi, fina, rlig...) from features Latin text never needs.
    features = None if latin else ["*"]
    family = chain(fonts)[0] if own else body_family(fonts)
    return _cut(getattr(family, face).read_bytes(), characters, "woff2", features)


def _cut(font_bytes: bytes, characters: str, flavor: str | None, features: list[str] | None = None) -> bytes:
    """The font cut to ``characters``: ~0.6 s a face, so kept on disk between runs. ``features``: the
    layout features kept, when not the Latin set below ("*": all)."""

    recipe = _CUT_RECIPE if features is None else f"{_CUT_RECIPE}; features {' '.join(features)}"
    return cached(
        "fonts",
        (font_bytes, characters, flavor or "sfnt", fontTools.version, recipe),
        lambda: _cut_now(font_bytes, characters, flavor, features),
    )


_CUT_RECIPE = "features kern liga calt ccmp locl mark mkmk; names 0-6; no hinting"  # change it with _cut_now


def _cut_now(font_bytes: bytes, characters: str, flavor: str | None, features: list[str] | None = None) -> bytes:
    from fontTools import subset  # noqa: PLC0415 - heavy: fontTools.subset, only when a cut is not cached
    from fontTools.ttLib import TTFont  # noqa: PLC0415 - heavy: fontTools, only when a cut is not cached

    options = subset.Options()
    options.layout_features = features or ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # the family and licence names stay
    options.hinting = False  # screens of today ignore TrueType hints; a third of the bytes
    # lazy: only the tables the subset reads are parsed.
    font = TTFont(io.BytesIO(font_bytes), recalcTimestamp=False, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = flavor
    font.save(out, reorderTables=False)
    return out.getvalue()


def picture(path: Path, stem: str) -> Picture:
    """``path`` at each of WIDTHS (at most its own width), as ``<stem>-<width>.webp``."""
    return _picture(path, path.stat().st_mtime_ns, stem)


@lru_cache(maxsize=32)
def _picture(path: Path, _mtime: int, stem: str) -> Picture:
    """Kept on disk by the picture's bytes (issue 26): encoding WebP at every width is a first render's
    slowest step, and its result never changes for the same picture, widths and quality."""
    data = path.read_bytes()
    key = (PIL.__version__, code_of(__file__), repr(WIDTHS), str(WEBP_QUALITY), stem, data)
    return cached_object("pictures", key, lambda: _encoded(path, stem))


def _encoded(path: Path, stem: str) -> Picture:
    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    widths = sorted({min(w, image.width) for w in WIDTHS})
    files = []
    for width in widths:
        height = round(image.height * width / image.width)
        scaled = image.resize((width, height), Image.Resampling.LANCZOS) if width != image.width else image
        files.append((f"{stem}-{width}.webp", width, _webp(scaled)))
    return Picture(tuple(files), widths[-1], round(image.height * widths[-1] / image.width))


def logo(path: Path) -> Picture:
    return _logo(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _logo(path: Path, _mtime: int) -> Picture:

    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if "A" in image.getbands() or original.mode == "P" else "RGB")
    height = min(LOGO_HEIGHT, image.height)
    width = max(1, round(image.width * height / image.height))
    image = image.resize((width, height), Image.Resampling.LANCZOS) if height != image.height else image
    return Picture(((f"logo-{height}.webp", width, _webp(image)),), width, height)


def _webp(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=WEBP_QUALITY, method=6, exact=False)
    return out.getvalue()
