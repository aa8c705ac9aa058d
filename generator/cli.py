"""Command line: ``python generate.py [build|check] [options]``. Exit 0 ok, 1 content errors, 2 usage."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator import __version__
from generator.diagnostics import ContentError, Diagnostics, Severity, display_path
from generator.output import DEFAULT_PRODUCTS, PAPERS, PRODUCTS

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="generate.py",
        description="Build a patient leaflet (PDF) and a clinician slide deck (PPTX) for every condition "
                    "and language in the content folder.",
        epilog=(
            "commands:\n"
            "  build   (default) check the content, then write the outputs\n"
            "  check   check the content only; writes nothing\n\n"
            "outputs: OUT/<clinic>/<condition>/<lang>/<condition>_<lang>_<product>[_print][_letter].<ext>\n"
            "  e.g. output/default/heel-spur/nb/heel-spur_nb_leaflet.pdf\n\n"
            "exit status: 0 ok, 1 content errors (nothing written), 2 wrong command line"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("command", nargs="?", choices=("build", "check"), default="build", help="build (default) or check")
    p.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                   help="content folder with condition folders, clinics/ and labels/ (default: content)")
    p.add_argument("--images", type=Path, default=None, metavar="DIR",
                   help="image folder (default: images/ beside the content folder)")
    p.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output)")
    p.add_argument("--clinic", default="default", metavar="ID",
                   help="clinic from content/clinics/<ID>.yaml (default: default)")
    p.add_argument("--condition", type=_csv, default=(), metavar="ID[,ID]", help="only these conditions (default: all)")
    p.add_argument("--lang", type=_csv, default=(), metavar="LANG[,LANG]", help="only these languages (default: all)")
    p.add_argument("--product", type=_csv, default=DEFAULT_PRODUCTS, metavar="NAME[,NAME]",
                   help=f"products: {', '.join(PRODUCTS)} (default: {','.join(DEFAULT_PRODUCTS)}); "
                        "print-shop = leaflet and brochure with 3 mm bleed and crop marks")
    p.add_argument("--paper", choices=PAPERS, default="a4", help="paper size of the PDFs (default: a4)")
    p.add_argument("--template", type=Path, metavar="FILE",
                   help="PowerPoint template (.pptx or .potx) for the deck; layouts are found by role, "
                        "its own slides are dropped (default: leafdeck's 16:9 template)")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                   help="date used to decide whether the next review is overdue (default: today)")
    p.add_argument("--version", action="version", version=f"leafdeck {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    unknown = [p for p in args.product if p not in PRODUCTS]
    if unknown:
        parser().error(f"unknown product {', '.join(unknown)}; choose from {', '.join(PRODUCTS)}")

    from generator import pipeline  # after argument parsing, so --help stays instant

    options = pipeline.Options(
        content_dir=args.content, images_dir=args.images, out_dir=args.out, clinic=args.clinic,
        conditions=args.condition, languages=args.lang, products=args.product, paper=args.paper, template=args.template,
        today=args.today or dt.date.today(),
    )
    diagnostics = Diagnostics()
    try:
        if args.command == "check":
            planned = pipeline.check(options, diagnostics)
            _report(diagnostics)
            drafts = sorted({(p.condition, p.language) for p in planned if p.document.draft})
            print(f"ok: {len(planned)} output(s) would be built; no errors.")
            for condition, lang in drafts:
                print(f"note: {condition} ({lang}) is a DRAFT and will be marked so in every output.")
            return EXIT_OK
        written = pipeline.build(options, diagnostics)
    except ContentError:
        _report(diagnostics)
        errors = len(diagnostics.errors)
        print(f"{errors} error(s); nothing was written, earlier outputs are unchanged.", file=sys.stderr)
        return EXIT_CONTENT
    _report(diagnostics)
    for path in written:
        print(f"wrote {display_path(path)}")
    return EXIT_OK


def _report(diagnostics: Diagnostics) -> None:
    for item in diagnostics.sorted():
        stream = sys.stderr if item.severity is Severity.ERROR else sys.stdout
        print(item.format(), file=stream)
