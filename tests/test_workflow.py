"""Staff regeneration: reproducible bytes, atomic writes, incremental builds, manifest, batches, shards."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, edit

from generator.kinds import variants
from generator.pipeline import dispatch as rendering
from generator.pipeline import targets as targeting

OUT = "output/default/tiny"


def _hashes(folder: Path, everything: bool = False) -> dict[str, str]:
    """The outputs (PDF, PPTX, web pages) by path below ``folder``; ``everything``: the files beside
    the pages (fonts, pictures) too."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (p.suffix in (".pdf", ".pptx", ".html") or everything and p.suffix in (".woff2", ".webp"))
    }


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
        results.append(_hashes(out, everything=True))
    assert results[0] == results[1] == results[2]
    assert len([k for k in results[0] if not k.endswith((".woff2", ".webp"))]) == 15  # 10 files, 2 pages, 3 indexes


def _no_op_probe(project: Path) -> subprocess.CompletedProcess:
    """A build in a fresh process that reports which heavy libraries it loaded."""
    probe = (
        "import sys; from generator.cli import main; code = main(['--today', '" + TODAY + "']); "
        "print('loaded:', sorted(m for m in ('reportlab', 'pptx', 'ruamel', 'pydantic', 'jinja2', 'fontTools') if m in sys.modules)); "
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


def test_an_edit_rebuilds_only_what_it_affects(project, run):
    assert run(project).code == 0
    edit(project / "content/tiny/en.yaml", "title: Small condition", "title: Small condition, revised")
    result = run(project)
    assert result.code == 0
    # en: leaflet, brochure, deck, page; the en index and the front page list the title.
    assert "built 6, skipped 5" in result.out
    statuses = dict(line.split()[:2] for line in result.out.splitlines() if line.startswith("default/"))
    assert statuses["default/tiny/en/tiny_en_leaflet.pdf"] == "built"
    assert statuses["default/tiny/nb/tiny_nb_leaflet.pdf"] == statuses["default/site/tiny/nb/index.html"] == "skipped"
    assert "built 0, skipped 11" in run(project).out
    assert "built 11" in run(project, "--force").out


def test_manifest_lists_every_file_with_hash_version_and_fingerprint(project, run):
    assert run(project).code == 0
    manifest = json.loads((project / "output/manifest.json").read_text())
    files = manifest["files"]
    on_disk = _hashes(project / "output")
    assert sorted(files) == sorted(on_disk)
    for key, record in files.items():
        assert record["sha256"] == on_disk[key]
        # A site index lists several conditions: it has no content version of its own.
        assert record["content_version"] == ("" if record["product"] == "site-index" else "1.0")
        assert len(record["fingerprint"]) == 64
    # A different template changes only the decks' fingerprints.
    deck_before = files["default/tiny/nb/tiny_nb_deck.pptx"]["fingerprint"]
    template = project / "mal.pptx"
    shutil.copy(ROOT / "generator/templates/leafdeck-16x9.pptx", template)
    with zipfile.ZipFile(template, "a") as z:
        z.writestr("docProps/custom-note.txt", "changed")
    assert "built 2, skipped 9" in run(project, "--template", str(template)).out
    after = json.loads((project / "output/manifest.json").read_text())["files"]
    assert after["default/tiny/nb/tiny_nb_deck.pptx"]["fingerprint"] != deck_before
    assert after["default/tiny/nb/tiny_nb_leaflet.pdf"] == files["default/tiny/nb/tiny_nb_leaflet.pdf"]


def test_failed_write_keeps_the_earlier_file_and_leaves_no_temporary(project, run, monkeypatch):
    assert run(project).code == 0
    target = project / OUT / "nb/tiny_nb_leaflet.pdf"
    earlier = target.read_bytes()
    edit(project / "content/tiny/nb.yaml", "title: Liten tilstand", "title: Liten tilstand, ny")
    import generator.pipeline.output as output

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", disk_full)
    result = run(project, "--lang", "nb", "--jobs", "1")
    assert result.code == 1
    assert "cannot write the output: No space left on device" in result.err and "Traceback" not in result.err
    assert target.read_bytes() == earlier
    assert not [p for p in (project / "output").rglob("*.tmp")]


def test_one_broken_output_does_not_stop_the_others(project, run, monkeypatch):
    assert run(project).code == 0
    deck = project / OUT / "nb/tiny_nb_deck.pptx"
    earlier = deck.read_bytes()
    real = rendering.render

    def broken_deck(item):
        if item.target.variant.product == "deck" and item.target.language == "nb":
            raise RuntimeError("injected failure")
        return real(item)

    monkeypatch.setattr(rendering, "render", broken_deck)
    result = run(project, "--force", "--jobs", "1")
    assert result.code == 1
    assert "internal error: RuntimeError: injected failure" in result.err
    assert "built 10, skipped 0 (unchanged), failed 1" in result.err
    assert deck.read_bytes() == earlier


def test_a_condition_with_errors_does_not_stop_another(project, run):
    shutil.copytree(project / "content/tiny", project / "content/other")
    edit(project / "content/other/condition.yaml", "id: tiny", "id: other")
    edit(project / "content/other/nb.yaml", "subtitle: En test", "subtitle: [En test")
    result = run(project)
    assert result.code == 1
    assert "content/other/nb.yaml:3:11: error" in result.err
    assert (project / OUT / "nb/tiny_nb_leaflet.pdf").exists()
    assert not (project / "output/default/other").exists()
    assert "other/nb/other_nb_leaflet.pdf" in result.out and "failed" in result.out


def test_every_clinic_in_one_run_with_a_summary_table(project, run):
    edit_target = project / "content/clinics/second.yaml"
    shutil.copy(project / "content/clinics/default.yaml", edit_target)
    edit(edit_target, "id: default", "id: second")
    result = run(project, "--clinic", "all")
    assert result.code == 0, result.err
    for clinic in ("default", "second"):
        assert (project / f"output/{clinic}/tiny/nb/tiny_nb_deck.pptx").exists()
    # The table, for a long run: a header, then one row per output with its status.
    rows = [line.split() for line in result.out.splitlines()]
    assert ["output", "status", "reason"] in rows
    listed = {row[0]: row[1] for row in rows if len(row) >= 2 and row[0].count("/") >= 2}
    expected = {
        f"{clinic}/tiny/{lang}/tiny_{lang}_{name}"
        for clinic in ("default", "second")
        for lang in ("nb", "en")
        for name in ("leaflet.pdf", "brochure.pdf", "deck.pptx")
    }
    expected |= {
        f"{clinic}/site/{where}index.html"
        for clinic in ("default", "second")
        for where in ("", "nb/", "en/", "tiny/nb/", "tiny/en/")
    }
    assert listed == dict.fromkeys(expected, "built"), listed
    assert "built 22, skipped 0 (unchanged), failed 0" in result.out


def test_shards_cover_every_output_exactly_once(project, tmp_path):
    options = targeting.Options(
        content_dir=project / "content",
        out_dir=tmp_path,
        products=("leaflet", "brochure", "deck", "print-shop"),
        today=dt.date.fromisoformat(TODAY),
    )
    everything = [t.key for t in targeting.targets(options)]
    assert len(everything) == 2 * len(variants(options.products))
    for count in (1, 2, 3, 7):
        parts = [
            [t.key for t in targeting.targets(targeting.Options(**{**options.__dict__, "shard": (i, count)}))]
            for i in range(1, count + 1)
        ]
        flat = [key for part in parts for key in part]
        assert sorted(flat) == sorted(everything) and len(flat) == len(set(flat))


def test_shard_runs_together_build_everything(project, run):
    assert run(project, "--shard", "1/2").code == 0
    assert run(project, "--shard", "2/2").code == 0
    assert len(_hashes(project / "output")) == 11


def test_bad_shard_is_a_usage_error(project, run):
    with pytest.raises(SystemExit) as exc:
        run(project, "--shard", "3/2")
    assert exc.value.code == 2


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
    files = _hashes(project / "output")
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


def test_files_nobody_selected_are_not_read(project, run):
    (project / "content/clinics/zzz.yaml").write_text("id: zzz\nname: [broken\n", encoding="utf-8")
    assert run(project).code == 0  # the default clinic is fine
    assert run(project, "--clinic", "zzz").code == 1


def test_a_language_file_not_listed_does_not_defeat_the_no_op(project, run):
    shutil.copy(project / "content/tiny/en.yaml", project / "content/tiny/de.yaml")
    edit(project / "content/tiny/de.yaml", "language: en", "language: de")
    first = run(project)
    assert first.code == 0 and "'de' is not in the languages of condition.yaml" in first.out
    assert "built 0, skipped 11" in run(project).out


def test_a_damaged_template_is_a_clear_error(project, run):
    template = project / "broken.pptx"
    with zipfile.ZipFile(template, "w") as z:
        z.writestr("[Content_Types].xml", "<Types><not closed")
    result = run(project, "--product", "deck", "--template", str(template), "--jobs", "1")
    assert result.code == 1 and "internal error" not in result.err
    assert "the template broken.pptx cannot be opened" in result.err


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
