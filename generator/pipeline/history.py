"""A language's previous text from git (issue 25), for ``generate.py changes`` when nothing was approved yet:
the committed version when the files have changes not committed, else the version before their last commit.

git runs with no configuration of the content repository able to start a program (no fsmonitor, no hooks) and
reads blobs with ``cat-file`` (no filters, no text conversion): the content folder stays data.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.loading.content import CONDITION_FILE, parse_model
from generator.loading.model import ConditionContent
from generator.loading.schema import ConditionFile, LanguageFile
from generator.signoff.snapshot import snapshot

SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")


def git_version(entry: ConditionContent, language: str, rev: str | None, images: Path):
    """(snapshot of the earlier version, "git <commit> of <date>") or None when there is none to read."""
    git = shutil.which("git")
    if git is None:
        return None
    folder = entry.folder.resolve()

    def run(*args: str) -> str | None:
        done = subprocess.run([git, *SAFE, "-C", str(folder), *args], capture_output=True, text=True, check=False)
        return done.stdout if done.returncode == 0 else None

    def blob(name: str) -> bytes | None:  # bytes as committed: cat-file applies no filter
        done = subprocess.run(
            [git, *SAFE, "-C", str(folder), "cat-file", "blob", name], capture_output=True, check=False
        )
        return done.stdout if done.returncode == 0 else None

    top = run("rev-parse", "--show-toplevel")
    if top is None:
        return None
    paths = [
        (folder / name).relative_to(Path(top.strip()).resolve()).as_posix()
        for name in (f"{language}.yaml", CONDITION_FILE)
    ]
    if rev is None:
        committed = [run("cat-file", "blob", f"HEAD:{p}") for p in paths]
        changed = any(
            c is None or c.encode("utf-8") != (Path(top.strip()) / p).read_bytes() for c, p in zip(committed, paths)
        )
        commits = (run("rev-list", "--max-count=2", "HEAD", "--", *(f":(top){p}" for p in paths)) or "").split()
        rev = "HEAD" if changed else (commits[1] if len(commits) > 1 else None)
        if rev is None:
            return None
    old_text, old_condition = blob(f"{rev}:{paths[0]}"), blob(f"{rev}:{paths[1]}")
    if old_text is None or old_condition is None:
        return None
    scratch = Diagnostics()  # an earlier version that no longer reads is no version to compare with
    text = parse_model(old_text, folder / f"{language}.yaml", f"{rev}:{paths[0]}", LanguageFile, scratch)
    condition = parse_model(old_condition, folder / CONDITION_FILE, f"{rev}:{paths[1]}", ConditionFile, scratch)
    if text is None or condition is None:
        return None
    stamp = run("log", "-1", "--format=%h of %cs", rev) or rev
    earlier = ConditionContent(entry.folder, condition, {language: text})
    return snapshot(earlier, language, images), f"git {stamp.strip()}"
