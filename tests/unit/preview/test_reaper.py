"""What an earlier preview left (generator/preview/reaper.py ``leftovers``): a profile folder whose
keeper is gone is removed and named; one of a preview running now, or one just being made, stays.
(Ending LibreOffice's processes is judged in tests/integration/preview/test_reaper.py.)"""

from __future__ import annotations

import os
import time

from generator.preview.reaper import OWNER, PREFIX, leftovers


def _profile(temp, name: str, owner: int | None = None, age: float = 0.0):
    folder = temp / f"{PREFIX}{name}"
    (folder / "profile").mkdir(parents=True)
    if owner is not None:
        (folder / OWNER).write_text(f"{owner}\n", encoding="utf-8")
    then = time.time() - age
    os.utime(folder, (then, then))
    return folder


def _gone_pid() -> int:
    """A process id that names no running process (well above any this machine hands out now)."""
    pid = 4_000_000
    while os.path.exists(f"/proc/{pid}"):
        pid += 1
    return pid


def test_a_folder_whose_keeper_is_gone_is_removed_and_named(tmp_path):
    left = _profile(tmp_path, "earlier", owner=_gone_pid())
    said = leftovers(tmp_path)
    assert not left.exists()
    assert said == [f"an earlier preview left its profile {left}: removed"]


def test_a_folder_whose_owner_is_not_a_keeper_is_removed(tmp_path):
    left = _profile(tmp_path, "pid-reused", owner=os.getpid())  # this process is not a keeper
    leftovers(tmp_path)
    assert not left.exists()


def test_a_folder_without_an_owner_stays_while_young_and_goes_when_old(tmp_path):
    young = _profile(tmp_path, "starting")
    old = _profile(tmp_path, "crashed-early", age=3600)
    leftovers(tmp_path)
    assert young.exists() and not old.exists()


def test_other_folders_are_never_touched(tmp_path):
    other = tmp_path / "someone-elses-folder"
    other.mkdir()
    assert leftovers(tmp_path) == [] and other.exists()
