"""Where outputs go and how they are written: atomically, so a good file is never half-replaced."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = {"leaflet": "pdf", "brochure": "pdf", "deck": "pptx"}
PRODUCTS = (*EXTENSIONS, "print-shop", "web")  # what --product accepts
DEFAULT_PRODUCTS = tuple(EXTENSIONS)
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Variant:
    """One output file kind: a product, on a paper size, for the office or for a print shop."""

    product: str
    paper: str = "a4"
    print_shop: bool = False
    tagged: bool = False            # accessible: tagged PDF/UA-1 and PDF/A-2 (the "web" product)

    @property
    def suffix(self) -> str:
        return "".join((self.product, "_print" if self.print_shop else "", "_web" if self.tagged else "",
                        f"_{self.paper}" if self.paper != "a4" and self.product != "deck" else ""))


def variants(products: tuple[str, ...], paper: str = "a4") -> list[Variant]:
    """The variants behind ``--product`` names; ``print-shop`` means print-shop leaflet and brochure,
    ``web`` the accessible (tagged) leaflet and brochure for websites and archives."""
    out = [Variant(p, paper) for p in EXTENSIONS if p in products]
    if "print-shop" in products:
        out += [Variant("leaflet", paper, True), Variant("brochure", paper, True)]
    if "web" in products:
        out += [Variant("leaflet", paper, tagged=True), Variant("brochure", paper, tagged=True)]
    return out


def output_path(out_dir: Path, clinic: str, condition: str, language: str, variant: Variant) -> Path:
    """``<out>/<clinic>/<condition>/<lang>/<condition>_<lang>_<variant>.<ext>`` (documented in the README)."""
    name = f"{condition}_{language}_{variant.suffix}.{EXTENSIONS[variant.product]}"
    return Path(out_dir) / clinic / condition / language / name


def write_atomic(path: Path, data: bytes) -> None:
    """Write next to the target, flush to disk, then rename over it in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
