"""The one rule for every file read from a content folder (generator/assets/files.py): inside its
folder, a regular file, under its size cap; in a build, a refusal names the file and the rest builds."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from support.content import (
    assert_no_traceback,
    error_lines,
    line_of,
    page_template,
    second_condition,
)

PAGE = Path("output/default/site/tiny/nb/index.html")
needs_symlinks = pytest.mark.skipif(
    not hasattr(os, "symlink") or sys.platform == "win32", reason="symlinks need privileges on Windows"
)


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the project that no output may ever show."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text("TOP-SECRET-OUTSIDE-THE-CONTENT-FOLDER\n", encoding="utf-8")
    return path


def _all_output_bytes(project: Path) -> bytes:
    return (
        b"".join(p.read_bytes() for p in (project / "output").rglob("*") if p.is_file())
        if (project / "output").exists()
        else b""
    )


@needs_symlinks
@pytest.mark.parametrize("linked", ["base.html", "inc.html"])
def test_a_template_linked_outside_the_site_folder_is_refused(project, run, secret, linked):
    site = project / "content/site"
    site.mkdir()
    if linked == "inc.html":
        page_template(project, '{% include "inc.html" %}')
    (site / linked).symlink_to(secret)
    result = run(project, "--product", "page", "--lang", "nb")
    assert_no_traceback(result)
    assert result.code == 1
    assert any(
        e.startswith(f"content/site/{linked}: error: ") and "leads outside its folder" in e and str(secret) in e
        for e in error_lines(result.err)
    ), result.err
    assert b"TOP-SECRET" not in _all_output_bytes(project)


@needs_symlinks
def test_a_language_file_linked_outside_is_refused_and_the_rest_builds(project, run, secret):
    second_condition(project)
    nb = project / "content/tiny/nb.yaml"
    outside = secret.parent / "nb.yaml"
    outside.write_text(
        nb.read_text(encoding="utf-8").replace("title: Liten tilstand", "title: TOP-SECRET"), encoding="utf-8"
    )
    nb.unlink()
    nb.symlink_to(outside)
    result = run(project, "--product", "leaflet,page")
    assert_no_traceback(result)
    assert result.code == 1
    assert any(
        e.startswith("content/tiny/nb.yaml: error: ") and "leads outside its folder" in e and str(outside) in e
        for e in error_lines(result.err)
    ), result.err
    assert (project / "output/default/other/nb/other_nb_leaflet.pdf").exists()
    assert b"TOP-SECRET" not in _all_output_bytes(project)


@needs_symlinks
def test_a_link_that_stays_inside_the_content_folder_is_fine(project, run):
    nb = project / "content/tiny/nb.yaml"
    shared = project / "content/shared-texts"
    shared.mkdir()
    shutil.move(nb, shared / "tiny-nb.yaml")
    nb.symlink_to(Path("../shared-texts/tiny-nb.yaml"))
    result = run(project, "--product", "leaflet", "--lang", "nb")
    assert result.code == 0, result.err


@needs_symlinks
def test_an_image_linked_outside_the_images_folder_is_refused(project, run, tmp_path):
    outside = tmp_path / "outside.png"
    shutil.copy(project / "images/circle.png", outside)
    (project / "images/circle.png").unlink()
    (project / "images/circle.png").symlink_to(outside)
    condition = project / "content/tiny/condition.yaml"
    result = run(project, "check")
    assert_no_traceback(result)
    assert result.code == 1
    line = line_of(condition, "file: circle.png")
    assert any(
        e.startswith(f"content/tiny/condition.yaml:{line}:") and str(outside) in e for e in error_lines(result.err)
    ), result.err
