"""Are the outputs of the working tree byte-identical to those of an earlier commit?

For a restructure that must not change what staff receive: builds every product of every clinic,
condition and language twice — once from a clean checkout of REV (default HEAD), once from the
working tree — with the same content, date and Python, and compares every file's bytes.

    python scripts/same_outputs.py [REV] [--today YYYY-MM-DD] [--each-content]

``--each-content``: REV builds its own checkout's content, for a change that adds to the content what the new
code requires (a new label) but must not change any output.

Exit 0 when all outputs are identical, 1 with the differing files listed otherwise. The manifest is
left out: it records the code's own fingerprint, which a restructure changes on purpose.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS = "leaflet,brochure,deck,page,print-shop,web"
KINDS = (".pdf", ".pptx", ".html", ".css", ".woff2", ".webp")  # the web site's files too


def build(code: Path, out: Path, today: str, content: Path = ROOT) -> dict[str, str]:
    """sha256 of every output built by the generator package found in ``code`` from the content and images
    of ``content`` (a checkout)."""
    args = [
        sys.executable,
        "-m",
        "generator",
        "--content",
        str(content / "content"),
        "--images",
        str(content / "images"),
        "--out",
        str(out),
        "--clinic",
        "all",
        "--product",
        PRODUCTS,
        "--today",
        today,
        "--force",
    ]
    # Run from ``code`` so that its generator/ is imported, not the installed (editable) one.
    # Each build with its own, empty cache of cut fonts: both really cut them.
    env = {**os.environ, "LEAFDECK_CACHE": str(out.with_name(out.name + "-cache"))}
    done = subprocess.run(args, cwd=code, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"the build from {code} failed:\n{done.stdout}\n{done.stderr}")
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in KINDS
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", nargs="?", default="HEAD")
    parser.add_argument("--today", default="2026-12-02")
    parser.add_argument(
        "--each-content",
        action="store_true",
        help="build REV with REV's own content (a change that adds a key every content file must have)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        before_code = tmp_path / "before"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(before_code), args.rev], check=True
        )
        try:
            before = build(before_code, tmp_path / "out-before", args.today, before_code if args.each_content else ROOT)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before_code)], check=True)
        after = build(ROOT, tmp_path / "out-after", args.today)
    differing = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    for name in differing:
        print(f"differs: {name}" if name in before and name in after else f"only in one build: {name}")
    print(f"{len(after) - len(differing)} of {len(after)} outputs identical to {args.rev}")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
