"""Staff regeneration: reproducible bytes, atomic writes, incremental builds, manifest, batches, shards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from support.content import ROOT, TODAY, edit, output_hashes

OUT = "output/default/tiny"


def _cli(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    fixed = [] if "--today" in args else ["--today", TODAY]
    return subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), *args, *fixed],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_rebuilds_are_byte_identical_across_processes_hash_seeds_and_jobs(project):
    runs = [("1", "1"), ("2", "4"), ("random", "1")]
    results = []
    for seed, jobs in runs:
        out = project / f"out-{seed}-{jobs}"
        done = _cli(
            project,
            "--out",
            str(out),
            "--jobs",
            jobs,
            "--product",
            "leaflet,brochure,deck,page,web",
            env={"PYTHONHASHSEED": seed},
        )
        assert done.returncode == 0, done.stderr
        results.append(output_hashes(out, everything=True))
    assert results[0] == results[1] == results[2]
    assert len([k for k in results[0] if not k.endswith((".woff2", ".webp"))]) == 15  # 10 files, 2 pages, 3 indexes


def _no_op_probe(project: Path) -> subprocess.CompletedProcess:
    """A build in a fresh process that reports which heavy libraries it loaded."""
    probe = (
        "import sys; from generator.cli import main; code = main(['--today', '" + TODAY + "']); "
        "heavy = ('reportlab', 'pptx', 'ruamel', 'pydantic', 'jinja2', 'fontTools'); "
        "print('loaded:', sorted(m for m in heavy if m in sys.modules)); "
        "sys.exit(code)"
    )
    return subprocess.run(
        [sys.executable, "-c", probe],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def test_no_op_rebuild_skips_everything_without_loading_renderers(project):
    assert _cli(project).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*") if p.is_file()}
    done = _no_op_probe(project)
    assert done.returncode == 0, done.stderr
    assert "built 0, skipped 11" in done.stdout and "loaded: []" in done.stdout
    after = {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*") if p.is_file()}
    assert after == before


def test_two_builds_at_once_on_one_folder_both_finish(project):
    procs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "generate.py"), "--force", "--jobs", "1"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    files = output_hashes(project / "output")
    assert len(files) == 11
    manifest = json.loads((project / "output/manifest.json").read_text())["files"]
    assert {k: v["sha256"] for k, v in manifest.items()} == files
    assert not [p for p in (project / "output").rglob("*.tmp")]


def test_watch_rebuilds_on_save_and_survives_a_content_error(project):
    import queue
    import threading

    proc = subprocess.Popen(
        [sys.executable, "-u", str(ROOT / "generate.py"), "--watch", "--jobs", "1"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    seen: list[str] = []

    def wait_for(text: str, timeout: float = 60) -> None:
        end = time.time() + timeout
        while time.time() < end:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return
        raise AssertionError(f"{text!r} not seen; output:\n{''.join(seen)}")

    try:
        wait_for("watching")
        leaflet = project / OUT / "en/tiny_en_leaflet.pdf"
        good = leaflet.read_bytes()
        edit(project / "content/tiny/en.yaml", "subtitle: En test", "subtitle: [En test")
        wait_for("errors (earlier outputs kept)")
        assert leaflet.read_bytes() == good and proc.poll() is None
        edit(project / "content/tiny/en.yaml", "subtitle: [En test", "subtitle: A better test")
        wait_for(", ok")
        assert leaflet.read_bytes() != good
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_languages_are_read_by_the_yaml_parser_and_a_no_op_still_parses_nothing(project):
    """An unindented list is valid YAML; a stray de.yaml beside it is not a language. A second run
    finds everything fresh from the manifest's index without loading the YAML parser."""
    condition = project / "content/tiny/condition.yaml"
    text = condition.read_text(encoding="utf-8")
    condition.write_text(text.replace("languages: [nb, en]", "languages:\n- nb\n- en"), encoding="utf-8")
    shutil.copy(project / "content/tiny/nb.yaml", project / "content/tiny/de.yaml")  # a stray copy
    first = _cli(project)
    assert first.returncode == 0, first.stderr
    assert not list((project / "output").rglob("*_de_*")) and "built 11," in first.stdout
    assert not (project / "output/default/site/de").exists()
    done = _no_op_probe(project)
    assert done.returncode == 0, done.stderr
    assert "built 0, skipped 11" in done.stdout and "loaded: []" in done.stdout
