"""Command line: ``python generate.py [build|check|preview] [options]`` (also ``leafdeck`` and
``python -m generator``). Exit 0 ok, 1 content errors, 2 usage."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
from pathlib import Path

from generator import __version__
from generator.diagnostics import ContentError, Diagnostics, Severity, display_path
from generator.kinds import DEFAULT_PRODUCTS, PAPERS, PRODUCT_NAMES, Status

EXIT_OK, EXIT_CONTENT = 0, 1  # 2: wrong command line (argparse exits with it)


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _shard(value: str) -> tuple[int, int]:
    try:
        index, count = (int(v) for v in value.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("write it as I/N, e.g. 2/8") from None
    if not 1 <= index <= count:
        raise argparse.ArgumentTypeError(f"I must be between 1 and N (got {value})")
    return index, count


def program() -> str:
    """How the user started leafdeck, for the usage line: generate.py, leafdeck or python -m generator."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if name == "__main__.py":
        return "python -m generator"
    return "leafdeck" if name.startswith("leafdeck") else "generate.py"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=program(),
        description="Build a patient leaflet and a tri-fold brochure (PDF), a clinician slide deck (PPTX) and "
        "a patient web page for every condition and language in the content folder.",
        epilog=(
            "commands:\n"
            "  build   (default) check the content, then write the outputs\n"
            "  check   check content, readability, trust data, layout and accessibility; writes nothing\n"
            "  preview a live preview in the browser: every page and slide, redrawn as you save, with the\n"
            "          problems beside them; writes nothing (http://127.0.0.1:8321/, Ctrl+C stops it)\n"
            "  translate a gettext PO file per condition and language for translators (OUT/translations/);\n"
            "            --labels: the labels' files; --import FILE brings one back, --status shows what is left\n"
            "  approve record a clinical approval: --condition ID [--lang CODE] --reviewer NAME --role ROLE\n"
            "          [--editorial REASON]; written to content/<condition>/approvals.json\n"
            "  changes what changed since the last approval (or git's previous version), for the reviewer:\n"
            "          OUT/changes/<condition>/<condition>_<lang>_changes.html and .pdf [--since DATE|VERSION]\n\n"
            "outputs: OUT/<clinic>/<condition>/<lang>/<condition>_<lang>_<product>[_print|_web][_letter].<ext>\n"
            "  e.g. output/default/heel-spur/nb/heel-spur_nb_leaflet.pdf\n"
            "web site: OUT/<clinic>/site/ (index.html, <lang>/index.html, <condition>/<lang>/index.html)\n\n"
            "exit status: 0 ok, 1 an output failed or content errors (failed outputs keep their earlier\n"
            "             files; the others are built), 2 wrong command line"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "command",
        nargs="?",
        choices=("build", "check", "preview", "translate", "approve", "changes"),
        default="build",
        help="build (default), check, preview, translate (a gettext PO file per language for translators, "
        "in OUT/translations/), approve (record a clinical approval) or changes (what changed since, for the "
        "reviewer)",
    )
    p.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="content folder with condition folders, clinics/ and labels/ (default: content)",
    )
    p.add_argument(
        "--images",
        type=Path,
        default=None,
        metavar="DIR",
        help="image folder (default: images/ beside the content folder)",
    )
    p.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output)")
    p.add_argument(
        "--clinic",
        type=_csv,
        default=("default",),
        metavar="ID[,ID]",
        help="clinics from content/clinics/<ID>.yaml, or 'all' (default: default)",
    )
    p.add_argument("--condition", type=_csv, default=(), metavar="ID[,ID]", help="only these conditions (default: all)")
    p.add_argument("--lang", type=_csv, default=(), metavar="LANG[,LANG]", help="only these languages (default: all)")
    p.add_argument(
        "--product",
        type=_csv,
        default=DEFAULT_PRODUCTS,
        metavar="NAME[,NAME]",
        help=f"products: {', '.join(PRODUCT_NAMES)} (default: {','.join(DEFAULT_PRODUCTS)}); "
        "print-shop = leaflet and brochure with 3 mm bleed and crop marks; "
        "web = accessible (tagged PDF/UA-1, PDF/A-2) leaflet and brochure; "
        "page = the patient web page and the site's indexes",
    )
    p.add_argument("--paper", choices=PAPERS, default="a4", help="paper size of the PDFs (default: a4)")
    p.add_argument(
        "--template",
        type=Path,
        metavar="FILE",
        help="PowerPoint template (.pptx or .potx) for the deck; layouts are found by role, "
        "its own slides are dropped (default: leafdeck's 16:9 template)",
    )
    p.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="date used to decide whether the next review is overdue (default: today)",
    )
    p.add_argument(
        "--shard",
        type=_shard,
        default=(1, 1),
        metavar="I/N",
        help="build only the I-th of N parts (1-based), split by a stable hash of each output's "
        "path: N machines with 1/N ... N/N build everything exactly once",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="render in N processes (default: the number of cores)",
    )
    p.add_argument("--force", action="store_true", help="rebuild even outputs whose inputs are unchanged")
    p.add_argument(
        "--watch",
        action="store_true",
        help="build, then rebuild what an edit affects whenever a content or image file is saved",
    )
    p.add_argument("--json", action="store_true", help="check: print the report as JSON")
    p.add_argument("--strict", action="store_true", help="check: warnings count as errors (exit 1), for CI")
    p.add_argument(
        "--port", type=int, default=8321, metavar="N", help="preview: the port to serve on (0: any free one)"
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="preview: the address to serve on (default 127.0.0.1: this computer only)",
    )
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="preview: allow a --host other computers can reach (anyone on the network sees the content)",
    )
    p.add_argument(
        "--no-slides",
        action="store_true",
        help="preview: do not start LibreOffice; show the slides' text instead of pictures",
    )
    p.add_argument(
        "--import",
        dest="import_po",
        type=Path,
        metavar="FILE",
        help="translate: bring a translated PO file back into its language's YAML",
    )
    p.add_argument(
        "--labels",
        action="store_true",
        help="translate: the labels' PO files (the fixed words of every product) instead of the conditions'",
    )
    p.add_argument(
        "--status",
        action="store_true",
        help="translate: per condition and language, the units translated, stale and missing, and the words to "
        "translate",
    )
    p.add_argument("--reviewer", metavar="NAME", help="approve: the clinician who read and approves the text")
    p.add_argument("--role", metavar="ROLE", help='approve: their role, e.g. "overlege, ortopedi"')
    p.add_argument(
        "--editorial",
        metavar="REASON",
        help="approve: the change since the last clinical approval is editorial (spelling, wording), and why",
    )
    p.add_argument(
        "--changes-since",
        metavar="DATE|VERSION",
        help="build: each deck opens with what is new since the approval of that date or version",
    )
    p.add_argument(
        "--since",
        metavar="DATE|VERSION|REV",
        help="changes: compare with the approval of that date or version (default: the latest), or with that git "
        "commit when nothing was approved",
    )
    p.add_argument("--version", action="version", version=f"leafdeck {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    # A build makes hundreds of thousands of small objects that live to its end (models, flowables, XML); at
    # Python's default threshold (700) the cyclic collector walks them again and again: ~5 % of a cold build.
    # mypy raises it the same way. Forked drawing processes inherit it.
    gc.set_threshold(20_000, 20, 20)
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader stopped early (`check --json | head`): nothing more to say, and no traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CONTENT


def _main(argv: list[str] | None) -> int:
    args = parser().parse_args(argv)
    unknown = [p for p in args.product if p not in PRODUCT_NAMES]
    if unknown:
        parser().error(f"unknown product {', '.join(unknown)}; choose from {', '.join(PRODUCT_NAMES)}")
    if not args.product or not args.clinic:
        parser().error("--product and --clinic need at least one name")
    if args.command == "build" and (args.json or args.strict):
        parser().error("--json and --strict belong to the check command: generate.py check --json")
    if args.command == "check" and args.watch:
        parser().error("--watch rebuilds; it does not go with check")
    if args.import_po is not None and args.command != "translate":
        parser().error("--import belongs to translate: generate.py translate --import FILE")
    approving = (args.reviewer, args.role, args.editorial)
    if args.command == "changes" and len(args.condition) != 1:
        parser().error("changes needs one --condition: generate.py changes --condition ID [--lang CODE]")
    if args.changes_since is not None and args.command != "build":
        parser().error("--changes-since belongs to a build: generate.py --product deck --changes-since VERSION")
    if args.since is not None and args.command != "changes":
        parser().error("--since belongs to changes: generate.py changes --condition ID --since DATE")
    if args.command == "approve" and (not args.reviewer or not args.role or len(args.condition) != 1):
        parser().error('approve needs one --condition, --reviewer "Name" and --role "Role"')
    if args.command != "approve" and any(a is not None for a in approving):
        parser().error("--reviewer, --role and --editorial belong to approve: generate.py approve --condition ID ...")
    if args.status and (args.command != "translate" or args.import_po is not None):
        parser().error("--status belongs to translate, without --import: generate.py translate --status")
    if args.labels and (args.command != "translate" or args.import_po is not None or args.status):
        parser().error("--labels belongs to translate: generate.py translate --labels [--lang CODE]")
    if args.command == "preview":
        from generator.preview.engine import PREVIEWED  # noqa: PLC0415 - after parsing: --help and a no-op build stay light
        from generator.preview.serve import is_local  # noqa: PLC0415 - after parsing: --help and a no-op build stay light

        if args.watch or args.json or args.strict:
            parser().error("the preview always follows your edits; --watch, --json and --strict do not go with it")
        if not set(args.product) & set(PREVIEWED):
            parser().error(
                "the preview shows the leaflet, brochure, deck and web page: name at least one "
                "with --product (print-shop and web are built by generate.py)"
            )
        if not is_local(args.host) and not args.allow_remote:
            parser().error(
                f"--host {args.host} would show the content to other computers on the network; "
                "add --allow-remote if that is what you want"
            )
    elif args.host != "127.0.0.1" or args.allow_remote or args.no_slides or args.port != 8321:
        parser().error("--host, --port, --allow-remote and --no-slides belong to the preview: generate.py preview")

    # After argument parsing, so --help stays instant.
    from generator.pipeline.targets import Options  # noqa: PLC0415 - after parsing: --help and a no-op build stay light

    options = Options(
        content_dir=args.content,
        images_dir=args.images,
        out_dir=args.out,
        clinics=args.clinic,
        conditions=args.condition,
        languages=args.lang,
        products=args.product,
        paper=args.paper,
        template=args.template,
        today=args.today or dt.date.today(),
        shard=args.shard,
        jobs=max(1, args.jobs),
        force=args.force,
        changes_since=args.changes_since,
    )
    if args.command == "check":
        return _check(options, args.json, args.strict)
    if args.command == "approve":
        return _approve(options, args.reviewer, args.role, args.editorial)
    if args.command == "changes":
        return _changes(options, args.since)
    if args.command == "translate":
        if args.status:
            return _translate_status(options)
        return _translate(options, args.import_po, args.labels)
    if args.command == "preview":
        from generator.preview.serve import serve  # noqa: PLC0415 - after parsing: --help and a no-op build stay light

        return serve(options, args.host, args.port, slides=not args.no_slides)
    if args.watch:
        from generator.pipeline.watch import watch  # noqa: PLC0415 - after parsing: --help and a no-op build stay light

        return watch(options, lambda opts: run_build(opts, quiet=True))
    return run_build(options)


def _check(options, as_json: bool, strict: bool) -> int:
    """All problems at once, as ``file:line: severity: message`` and a hint, or as JSON."""

    from generator.pipeline import run  # noqa: PLC0415 - after parsing: --help and a no-op build stay light

    diagnostics = Diagnostics()
    planned: list = []
    figures: dict = {}
    try:
        planned, figures = run.check(options, diagnostics)
    except ContentError:
        pass
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    failed = errors > 0 or (strict and warnings > 0)
    if as_json:
        print(
            json.dumps(
                {
                    "ok": not failed,
                    "errors": errors,
                    "warnings": warnings,
                    "outputs": len(planned),
                    "readability": figures,
                    "diagnostics": [d.as_json() for d in diagnostics.sorted()],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_CONTENT if failed else EXIT_OK
    _report(diagnostics)
    for document, values in figures.items():
        if values:  # a language without a readability formula has a note instead
            print(f"readability {document}: " + ", ".join(f"{k} {v:g}" for k, v in values.items()))
    drafts = sorted({(p.target.condition, p.target.language) for p in planned if p.document.draft})
    for condition, lang in drafts:
        print(f"note: {condition} ({lang}) is a DRAFT and will be marked so in every output.")
    summary = f"{errors} error(s), {warnings} warning(s); {len(planned)} output(s) checked"
    if failed:
        why = " (--strict: warnings count as errors)" if strict and not errors else ""
        print(f"{summary}{why}.", file=sys.stderr)
        return EXIT_CONTENT
    print(f"ok: {summary}; nothing was written.")
    return EXIT_OK


def _translate(options, po_file: Path | None, labels: bool = False) -> int:
    """The PO files for translators (``labels``: the labels' instead of the conditions'), or one brought back
    (``po_file``); errors as ``check`` reports them, nothing written."""
    from generator.pipeline.translate import export, export_labels, import_po  # noqa: PLC0415 - after parsing: --help stays light

    diagnostics = Diagnostics()
    try:
        if po_file is not None:
            changed = import_po(options, po_file, diagnostics)
            _report(diagnostics)
            for path in changed:
                print(f"wrote {display_path(path)}")
            if not changed:
                print("unchanged: the language file already says this")
            return EXIT_OK
        written = (export_labels if labels else export)(options, diagnostics)
    except ContentError:
        return _refused(diagnostics)
    _report(diagnostics)
    for path in written:
        print(f"wrote {display_path(path)}")
    if not written:
        print(
            "nothing to export: no chosen condition has a language other than its source_language\n"
            "    hint: name a language listed under languages: in its condition.yaml (--lang) or leave --lang out",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    return EXIT_OK


def _refused(diagnostics: Diagnostics, written: str = "; nothing was written") -> int:
    """A command stopped by content errors: every message, then the count."""
    _report(diagnostics)
    print(f"{len(diagnostics.errors)} error(s){written}.", file=sys.stderr)
    return EXIT_CONTENT


def _approve(options, reviewer: str, role: str, reason: str | None) -> int:
    """Record the approval; the content's errors stop it (nothing written)."""
    from generator.pipeline.signoff import approve  # noqa: PLC0415 - after parsing: --help stays light

    diagnostics = Diagnostics()
    try:
        written = approve(options, reviewer.strip(), role.strip(), reason, diagnostics)
    except ContentError:
        return _refused(diagnostics)
    _report(diagnostics)
    for path in written:
        print(f"wrote {display_path(path)}")
    return EXIT_OK


def _changes(options, since: str | None) -> int:
    """The reviewer's redlines; content errors stop it."""
    from generator.pipeline.signoff import changes  # noqa: PLC0415 - after parsing: --help stays light

    diagnostics = Diagnostics()
    try:
        done = changes(options, since, diagnostics)
    except ContentError:
        return _refused(diagnostics, "")
    _report(diagnostics)
    for summary, paths in done:
        print(summary)
        for path in paths:
            print(f"wrote {display_path(path)}")
    return EXIT_OK


def _translate_status(options) -> int:
    """``translate --status``: a table a translation agency reads (and quotes on)."""
    from generator.pipeline.translate import status  # noqa: PLC0415 - after parsing: --help stays light

    diagnostics = Diagnostics()
    try:
        rows, unrecorded = status(options, diagnostics)
    except ContentError:
        return _refused(diagnostics, "")
    _report(diagnostics)
    head = ("condition", "language", "translated", "stale", "missing", "words to translate")
    table = [head, *((r.condition, r.language, r.translated, r.stale, r.missing, r.words) for r in rows)]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(head))]
    for row in table:
        cells = [str(v).ljust(w) if i < 2 else str(v).rjust(w) for i, (v, w) in enumerate(zip(row, widths))]
        print("  ".join(cells).rstrip())
    for condition, language in sorted(unrecorded):
        print(
            f"note: {condition} ({language}) has no record of the source it was translated from: its stale units are "
            f"not known until its PO file is imported (generate.py translate --import)"
        )
    return EXIT_OK


def run_build(options, quiet: bool = False) -> int:
    """One build: diagnostics, one line per written file (or a summary table), exit status."""
    from generator.pipeline import run  # noqa: PLC0415 - after parsing: --help and a no-op build stay light

    diagnostics = Diagnostics()
    bars: list = []

    def progress_bar(total: int):
        from tqdm import tqdm  # noqa: PLC0415 - after parsing: --help and a no-op build stay light

        bars.append(tqdm(total=total, unit="file", leave=False))
        return bars[-1].update

    try:
        report = run.build(options, diagnostics, progress=progress_bar if sys.stderr.isatty() and not quiet else None)
    except ContentError:
        _report(diagnostics)
        print(
            f"{len(diagnostics.errors)} error(s); nothing was written, earlier outputs are unchanged.", file=sys.stderr
        )
        return EXIT_CONTENT
    finally:
        for bar in bars:
            bar.close()
    _report(diagnostics)
    _summary(report, quiet)
    return EXIT_CONTENT if report.count(Status.FAILED) else EXIT_OK


def _summary(report, quiet: bool) -> None:
    built, skipped, failed = (report.count(s) for s in (Status.BUILT, Status.SKIPPED, Status.FAILED))
    long_run = len(report.outcomes) > 8  # a batch: one table instead of a line per file
    if not quiet and not long_run:
        for outcome in report.outcomes:
            if outcome.status is Status.BUILT:
                print(f"wrote {display_path(outcome.target.path)}")
    if long_run or failed:
        width = max(len(o.target.key) for o in report.outcomes)
        print(f"{'output':<{width}}  status   reason")
        for outcome in report.outcomes:
            if long_run or outcome.status is Status.FAILED:
                print(f"{outcome.target.key:<{width}}  {outcome.status:<7}  {outcome.reason}")
    line = f"built {built}, skipped {skipped} (unchanged), failed {failed} in {report.seconds:.2f} s"
    print(line, file=sys.stderr if failed else sys.stdout)
    if failed:
        print("failed outputs keep their earlier files; fix the errors above and run again.", file=sys.stderr)


def _report(diagnostics: Diagnostics) -> None:
    for item in diagnostics.sorted():
        stream = sys.stderr if item.severity is Severity.ERROR else sys.stdout
        print(item.format(), file=stream)
