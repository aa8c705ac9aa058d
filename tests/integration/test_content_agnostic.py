"""Adding a condition never turns the suite red unless that content is wrong.

A copy of content/ gets a third condition shaped unlike the shipped ones (tests/fixtures/third-condition:
one language with English as the source, no pictures, no parts, no pathway, three treatments), then every
test over the shipped content (the ``shipped`` mark) runs again over that copy, in a fresh pytest process.
The tests judged by LibreOffice or Chromium (``slow_reader``) are not run twice: they judge the drawing of
what the other tests hold to the content, and take as long as all the rest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from support.content import CONTENT, FIXTURES, IMAGES, ROOT

RERUN = ["-m", "shipped and not slow_reader", "-p", "no:cacheprovider"]


def test_the_content_tests_pass_with_a_third_condition_added(tmp_path):
    content, images = tmp_path / "content", tmp_path / "images"
    shutil.copytree(CONTENT, content)
    shutil.copytree(IMAGES, images)
    for condition in (FIXTURES / "third-condition").iterdir():
        shutil.copytree(condition, content / condition.name)
    env = {**os.environ, "LEAFDECK_CONTENT": str(content), "LEAFDECK_IMAGES": str(images)}
    command = [sys.executable, "-m", "pytest", "-q", "-x", *RERUN, "--basetemp", str(tmp_path / "pytest")]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in summary and "ganglion" in _collected(env), summary


def _collected(env: dict) -> str:
    """The ids pytest collects over the copy: the third condition must be among them."""
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", *RERUN]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300).stdout
