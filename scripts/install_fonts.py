"""Install the fonts the decks name for non-Latin letters (IBM Plex Sans Arabic, Noto Sans Ethiopic...) where
this computer's presentation programs find them, so LibreOffice and PowerPoint draw the slides as leafdeck
measured them. The PDFs and web pages carry their fonts inside; only the slides need this.

    python scripts/install_fonts.py            # into the user's font folder
    python scripts/install_fonts.py --list     # only print the font files

Linux: ~/.local/share/fonts/leafdeck (then fc-cache); macOS: ~/Library/Fonts. On Windows, open each
printed file and choose "Install" (Windows registers fonts itself).
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.assets.fonts import FACES, chain, own_family, scripts


def files() -> list[Path]:
    """Each face of every family the deck names for a script's own letters."""
    found: dict[Path, None] = {}
    for script in scripts():
        if own_family(script):
            family = chain(script)[0]
            for face in FACES:
                found.setdefault(family.face(face))
    return list(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="only print the font files")
    args = parser.parse_args()
    if args.list or platform.system() == "Windows":
        print("\n".join(str(f) for f in files()))
        return 0
    target = Path.home() / ("Library/Fonts" if platform.system() == "Darwin" else ".local/share/fonts/leafdeck")
    target.mkdir(parents=True, exist_ok=True)
    for font in files():
        shutil.copy2(font, target / font.name)
    if shutil.which("fc-cache"):
        subprocess.run(["fc-cache", "-f", str(target)], check=False)
    print(f"installed {len(files())} font files into {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
