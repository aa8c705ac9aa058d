"""Measure leafdeck's speed, memory and output sizes; write the figures to benchmark/results.md.

    python scripts/benchmark.py            (from the repository root, after `make setup`)

What is measured, each as the median of several runs on a copy of the shipped content:

- against hand-written scripts (issue 26's measure): leafdeck's default build of the shipped content
  (every PDF, deck and web page, into an empty folder, a fresh process) per document written, against
  scripts/handwritten/ (reportlab and python-pptx alone, one comparable leaflet and deck, fresh
  processes), run in turn: seconds per document and their ratio;
- cold build: `generate.py --condition heel-spur --lang nb` (leaflet, brochure, deck, page) into an
  empty folder, a fresh Python process each time (the disk cache in ~/.cache/leafdeck warm after the
  first run: parsed content, prepared pictures, hyphenation patterns, web fonts);
- no-op rebuild: the same command again, nothing changed;
- watch rebuild: in one long-running process (as `--watch` is), a one-line edit of nb.yaml, then
  the incremental build it triggers: until the leaflet is written and until every product is;
- batch: every clinic x language x product of a catalogue of 6 clinics, in parallel over the
  machine's cores, as outputs per second;
- peak memory (largest resident set of the cold build's processes) and output sizes;
- the patient web page's weight: what a phone fetches for a condition page (the HTML, the font
  faces it uses, the largest picture of each srcset, the logo), the heaviest page of the batch;
- the extra time the accessible (tagged, PDF/UA + PDF/A) leaflet and brochure cost over the plain ones;
- the live preview, end to end in headless Chromium: from a file written to the error, the leaflet's
  and brochure's new pages and the new slides shown in the browser (needs Chromium and LibreOffice,
  as the tests do).

Timings use time.perf_counter around whole processes; memory comes from getrusage. Targets (from
the workflow issue, for a 2-core machine) are printed beside the figures. This is a benchmark, not
a test: it never fails a build.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "benchmark" / "results.md"
TARGETS = {  # issue 26
    "hand": 0.5,
    "cold": 0.6,
    "noop": 0.08,
    "watch": 0.15,  # until the leaflet is written
    "watch_all": 0.3,  # until every product of the language is
    "batch": 25.0,
    "memory": 100.0,
    "leaflet_kb": 100.0,
    "page_kb": 150.0,
}
PREVIEW_TARGETS = {"error": 0.3, "leaflet": 0.5, "brochure": 0.6, "deck": 3.0}
PREVIEW_ROWS = {
    "error": "the error shown",
    "leaflet": "new leaflet pages",
    "brochure": "new brochure pages",
    "deck": "new slides",
}


def _run(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, str(ROOT / "generate.py"), *args],
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _workspace() -> Path:
    work = Path(tempfile.mkdtemp(prefix="leafdeck-bench-"))
    shutil.copytree(ROOT / "content", work / "content")
    shutil.copytree(ROOT / "images", work / "images", ignore=shutil.ignore_patterns("src"))
    return work


def cold_and_noop(work: Path, runs: int = 5) -> tuple[float, float, float]:
    args = ["--condition", "heel-spur", "--lang", "nb"]
    cold, noop = [], []
    for i in range(runs):
        out = work / f"out-{i}"
        cold.append(_run([*args, "--out", str(out)], work))
        noop.append(_run([*args, "--out", str(out)], work))
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return statistics.median(cold), statistics.median(noop), peak_kb / 1024


def watch_rebuild(work: Path, runs: int = 7) -> tuple[float, float]:
    """The incremental build --watch runs after a save, in a warm process: seconds until the leaflet is
    written and until every product of the language is."""
    sys.path.insert(0, str(ROOT))
    os.chdir(work)
    from generator.diagnostics import Diagnostics
    from generator.pipeline import run, targets

    options = targets.Options(conditions=("heel-spur",), languages=("nb",), out_dir=work / "out-watch", jobs=2)
    # As --watch does: the first build in this process, so later rebuilds fork warm workers.
    run.build(dataclasses.replace(options, jobs=1), Diagnostics())
    nb = work / "content/heel-spur/nb.yaml"
    original = nb.read_text(encoding="utf-8")
    written: dict[str, float] = {}
    write = run.write_atomic

    def noted(path: Path, data: bytes) -> None:  # the moment each output reaches the disk
        write(path, data)
        written.setdefault(Path(path).name, time.perf_counter())

    run.write_atomic = noted
    leaflet, every = [], []
    try:
        for i in range(runs):
            nb.write_text(original.replace('title: "Hælspore"', f'title: "Hælspore {i}"', 1), encoding="utf-8")
            written.clear()
            started = time.perf_counter()
            report = run.build(options, Diagnostics())
            every.append(time.perf_counter() - started)
            assert report.count("built") == 4, report  # leaflet, brochure, deck, page
            leaflet.append(next(t for name, t in written.items() if name.endswith("_leaflet.pdf")) - started)
    finally:
        run.write_atomic = write
        nb.write_text(original, encoding="utf-8")
    return statistics.median(leaflet), statistics.median(every)


def batch(work: Path) -> tuple[float, int]:
    clinics = work / "content/clinics"
    template = (clinics / "default.yaml").read_text(encoding="utf-8")
    for n in range(1, 6):
        (clinics / f"clinic-{n}.yaml").write_text(template.replace("id: default", f"id: clinic-{n}"), encoding="utf-8")
    seconds = _run(["--clinic", "all", "--out", str(work / "out-batch")], work)
    documents = len(json.loads((work / "out-batch/manifest.json").read_text(encoding="utf-8"))["files"])
    return documents / seconds, documents


def page_weight(work: Path) -> tuple[float, str]:
    """The heaviest condition page of the batch as a phone fetches it, in KB, and which it is."""
    from html.parser import HTMLParser

    heaviest = (0.0, "")
    for page in sorted((work / "out-batch").glob("*/site/*/*/index.html")):
        html = page.read_text(encoding="utf-8")
        # The font faces the page names (its language's), the italic one only where something is italic.
        fetched = {name for name in re.findall(r"[\w.-]+\.woff2", html) if "<em>" in html or "italic" not in name}

        class Pictures(HTMLParser):
            def handle_starttag(self, tag, attrs, fetched=fetched):
                found = dict(attrs)
                if tag == "img":
                    candidates = (found.get("srcset") or found.get("src") or "").split(",")
                    fetched.add(candidates[-1].split()[0])

        Pictures().feed(html)
        kb = (page.stat().st_size + sum((page.parent / name).stat().st_size for name in fetched)) / 1024
        heaviest = max(heaviest, (kb, "/".join(page.relative_to(work / "out-batch").parts)))
    return heaviest


def tagging_cost(work: Path, runs: int = 9) -> float:
    """Extra time of the accessible (tagged) leaflet and brochure over the plain ones, warm."""
    sys.path.insert(0, str(ROOT))
    from generator.diagnostics import Diagnostics
    from generator.kinds import Product, Variant
    from generator.pipeline import plan, targets
    from generator.render import registry

    options = targets.Options(
        content_dir=work / "content",
        images_dir=work / "images",
        conditions=("heel-spur",),
        languages=("nb",),
        products=("leaflet",),
    )
    document = plan.plan(options, Diagnostics())[0][0].document

    def once(tagged: bool) -> float:
        started = time.perf_counter()
        for product in (Product.LEAFLET, Product.BROCHURE):  # as the build draws them
            variant = Variant(product, tagged=tagged)
            registry.render(document, variant)
        return time.perf_counter() - started

    once(False), once(True)  # warm: fonts, hyphenation, pikepdf
    plain, tagged = [], []
    for _ in range(runs):  # interleaved, so drift hits both alike
        plain.append(once(False))
        tagged.append(once(True))
    return statistics.median(tagged) / statistics.median(plain) - 1


def preview_latency(work: Path, runs: int = 5) -> dict[str, float]:
    """``generate.py preview`` on the workspace, in headless Chromium: from the moment a file is
    written to the moment the browser shows the result (milliseconds), median of ``runs`` saves.

    error: a YAML mistake in nb.yaml until the problem list names its line; leaflet and brochure: a
    patient-text edit until their new pages are decoded in the page; deck: a clinician-text edit
    until the new slides (LibreOffice, warm) are decoded. Each save waits until the previous one is
    fully drawn, as staff look before they save again."""
    import re

    sys.path.insert(0, str(ROOT / "tests"))
    from support.browser import chromium
    from support.live import preview_server, wait_for

    nb = work / "content/heel-spur/nb.yaml"
    original = nb.read_text(encoding="utf-8")
    summary = re.search(r'^summary: "', original, re.M)
    clinician = re.search(r'^    clinician:\n      - list:\n          - "', original, re.M)
    assert summary and clinician, "benchmark setup: nb.yaml has no summary or clinician list"
    key = "default/heel-spur/nb"
    found: dict[str, list[float]] = {"error": [], "leaflet": [], "brochure": [], "deck": []}
    with preview_server(work, "--condition", "heel-spur") as server, chromium() as browser:
        browser.visit(f"{server.address}#{key}", 1400, 900)

        def shown(product: str) -> float:
            return browser.js(f"return window.leafdeck.shownAt['{product}'] || 0")

        def save(text: str) -> float:
            server.settled(key, 180)
            time.sleep(0.5)
            started = time.time() * 1000
            nb.write_text(text, encoding="utf-8")
            return started

        wait_for(lambda: shown("deck"), 180)
        for i in range(runs):
            started = save(original[: summary.end()] + f"Utgave {i}. " + original[summary.end() :])
            wait_for(lambda at=started: shown("leaflet") > at and shown("brochure") > at, 30, step=0.005)
            found["leaflet"].append(shown("leaflet") - started)
            found["brochure"].append(shown("brochure") - started)

            started = save(original[: clinician.end()] + f"Utgave {i}: " + original[clinician.end() :])
            wait_for(lambda at=started: shown("deck") > at, 60, step=0.005)
            found["deck"].append(shown("deck") - started)

            broken = original[: summary.start()] + "summary: [" + original[summary.end() :]
            started = save(broken)
            line = original[: summary.start()].count("\n") + 1
            wait_for(
                lambda at=line: f"nb.yaml:{at}:" in browser.js("return window.leafdeck.problemsText"), 30, step=0.005
            )
            found["error"].append(browser.js("return window.leafdeck.problemsAt") - started)
        save(original)
    return {name: statistics.median(values) / 1000 for name, values in found.items()}


def against_hand_written(work: Path, runs: int = 5) -> tuple[float, float, int]:
    """Seconds per document from a cold start, as issue 26 measures them: leafdeck's default build of the
    shipped content (every PDF, deck and web page, into an empty folder, a fresh process) divided by the
    documents it wrote, against the hand-written reportlab and python-pptx scripts (scripts/handwritten/)
    making one comparable leaflet and deck, also fresh processes. The two run in turn so both see the same
    machine. Returns (leafdeck, hand-written, documents)."""
    hand = ROOT / "scripts" / "handwritten"
    ours, theirs = [], []
    documents = 0
    for i in range(runs):
        out = work / f"out-default-{i}"
        seconds = _run(["--out", str(out)], work)
        files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
        documents = sum(name.endswith((".pdf", ".pptx", ".html")) for name in files)
        ours.append(seconds / documents)
        started = time.perf_counter()
        for script, name in (("leaflet.py", "hand.pdf"), ("deck.py", "hand.pptx")):
            command = [PYTHON, str(hand / script), str(work / "content"), "heel-spur", "nb", str(work / name)]
            subprocess.run(command, cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        theirs.append((time.perf_counter() - started) / 2)
    return statistics.median(ours), statistics.median(theirs), documents


def sizes(work: Path) -> dict[str, float]:
    folder = work / "out-0/default/heel-spur/nb"
    return {p.name: p.stat().st_size / 1024 for p in sorted(folder.iterdir())}


def main() -> None:
    work = _workspace()
    try:
        cold, noop, memory = cold_and_noop(work)
        ours, theirs, default_documents = against_hand_written(work)
        rate, documents = batch(work)
        page_kb, page = page_weight(work)
        files = sizes(work)
        watch_leaflet, watch = watch_rebuild(work)
        tagging = tagging_cost(work)
        preview = preview_latency(work)
    finally:
        os.chdir(ROOT)
        shutil.rmtree(work, ignore_errors=True)
    leaflet = next(v for k, v in files.items() if k.endswith("_leaflet.pdf"))
    rows = (
        [
            (
                f"per document, default build from a cold start ({default_documents} documents), against"
                " hand-written reportlab + python-pptx scripts",
                f"{ours:.2f} s vs {theirs:.2f} s ({ours / theirs:.2f}x)",
                f"≤ {TARGETS['hand']:g}x",
            ),
            ("cold build, 1 condition x 1 language, all products", f"{cold:.2f} s", f"≤ {TARGETS['cold']} s"),
            ("no-op rebuild", f"{noop:.3f} s", f"≤ {TARGETS['noop']} s"),
            (
                "watch rebuild after a one-line edit: the leaflet written",
                f"{watch_leaflet:.2f} s",
                f"≤ {TARGETS['watch']} s",
            ),
            ("watch rebuild after a one-line edit: every product", f"{watch:.2f} s", f"≤ {TARGETS['watch_all']} s"),
            (
                f"batch of {documents} outputs (6 clinics x every condition, language and product)",
                f"{rate:.1f} outputs/s",
                f"≥ {TARGETS['batch']:g} outputs/s",
            ),
            ("peak memory (largest process)", f"{memory:.0f} MB", f"≤ {TARGETS['memory']:g} MB"),
            ("leaflet PDF with the illustration", f"{leaflet:.0f} KB", f"≤ {TARGETS['leaflet_kb']:g} KB"),
            ("extra time of the accessible (tagged) leaflet + brochure", f"{tagging * 100:.0f} %", "≤ 30 %"),
            (f"web page as a phone fetches it (heaviest: {page})", f"{page_kb:.0f} KB", f"≤ {TARGETS['page_kb']:g} KB"),
        ]
        + [
            (
                f"preview: save to {PREVIEW_ROWS[name]} in the browser",
                f"{seconds:.2f} s",
                f"≤ {PREVIEW_TARGETS[name]:g} s",
            )
            for name, seconds in preview.items()
        ]
        + [(f"size of {name}", f"{kb:.0f} KB", "") for name, kb in files.items() if "leaflet" not in name]
    )
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    lines = [
        "# leafdeck benchmark",
        "",
        f"Machine: {machine}. Run: `python scripts/benchmark.py`.",
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
