"""A build (generator/pipeline/run.py) of the small content, in-process: only what changed is rebuilt,
the manifest, failures that stay local, nothing half-written."""

from __future__ import annotations

import json
import shutil
import zipfile

from generator.pipeline import dispatch as rendering
from support.content import ROOT, edit, output_hashes

OUT = "output/default/tiny"


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
    on_disk = output_hashes(project / "output")
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
