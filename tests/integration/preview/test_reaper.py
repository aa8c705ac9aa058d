"""However the preview ends, the LibreOffice it started ends with it and its profile is removed.

The real ``generate.py preview`` is started in its own process group, as a terminal starts it, with a
temporary folder of its own; once LibreOffice runs, the group gets SIGINT (Ctrl+C), SIGTERM (a
service manager, ``kill``, an IDE's stop button) or SIGHUP (the terminal window closed), or the
preview's own process is killed (a crash). Every process the run started (read from /proc: the
preview's descendants, identified by PID and start time, zombies included) must be gone a few
seconds later, and no profile folder left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.content import ROOT, TODAY
from support.live import wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc"),
]
PROFILES = "leafdeck-preview-office-*"


def _stat(pid: int) -> tuple[str, int, str] | None:
    """(state, parent, start time) of a process, or None when there is none."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), fields[19]


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def descendants(root: int) -> dict[int, tuple[str, str]]:
    """Every process below ``root``: PID -> (start time, command line)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            parents.setdefault(stat[1], []).append(int(entry.name))
    found, stack = {}, [root]
    while stack:
        for child in parents.get(stack.pop(), []):
            stat = _stat(child)
            if stat:
                found[child] = (stat[2], _command(child))
                stack.append(child)
    return found


def remaining(seen: dict[int, tuple[str, str]]) -> list[str]:
    """The processes of ``seen`` that still exist (the same PID and start time), zombies included."""
    left = []
    for pid, (started, command) in seen.items():
        stat = _stat(pid)
        if stat and stat[2] == started:
            left.append(f"{pid} [{stat[0]}] {command[:100]}")
    return left


def _start(project: Path, temp: Path) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, str(ROOT / "generate.py"), "preview", "--port", "0", "--today", TODAY],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=env,
    )


def _running_office(process: subprocess.Popen) -> dict[int, tuple[str, str]]:
    """The preview's process tree once LibreOffice (soffice.bin) runs in it."""

    def office():
        assert process.poll() is None, process.stderr.read() if process.stderr else "the preview stopped"
        tree = descendants(process.pid)
        return tree if any("soffice.bin" in command for _, command in tree.values()) else None

    return wait_for(office, 120, step=0.2)


@pytest.fixture
def temp(tmp_path) -> Path:
    folder = tmp_path / "temp"
    folder.mkdir()
    return folder


@pytest.fixture
def started(project, temp):
    if not any(Path(p, "soffice").exists() or Path(p, "libreoffice").exists() for p in os.get_exec_path()):
        pytest.skip("LibreOffice is not installed")
    process = _start(project, temp)
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        if process.stderr:
            process.stderr.close()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_stopping_the_preview_ends_its_libreoffice(started, temp, how):
    seen = _running_office(started)
    time.sleep(1)  # LibreOffice fully up, as after a day's use
    seen |= descendants(started.pid)
    os.killpg(started.pid, how)
    try:
        wait_for(lambda: not remaining(seen) and not list(temp.glob(PROFILES)), 20, step=0.2)
    except AssertionError:
        pytest.fail(f"after {how.name}: still running {remaining(seen)}, left {list(temp.glob(PROFILES))}")
    assert started.wait(timeout=10) is not None


def test_a_crash_of_the_preview_ends_its_libreoffice(started, temp):
    seen = _running_office(started)
    time.sleep(1)
    seen |= descendants(started.pid)
    os.kill(started.pid, signal.SIGKILL)  # the preview's own process only: nothing of it runs on
    started.wait(timeout=10)
    office = {pid: info for pid, info in seen.items() if pid != started.pid}
    try:
        wait_for(lambda: not remaining(office) and not list(temp.glob(PROFILES)), 20, step=0.2)
    except AssertionError:
        pytest.fail(f"after a crash: still running {remaining(office)}, left {list(temp.glob(PROFILES))}")


def test_what_an_earlier_preview_left_is_cleaned_up(project, temp):
    """A profile folder and a LibreOffice of a preview that is gone: the next preview ends the one and
    removes the other, and says so."""
    if not any(Path(p, "soffice").exists() or Path(p, "libreoffice").exists() for p in os.get_exec_path()):
        pytest.skip("LibreOffice is not installed")
    left = temp / "leafdeck-preview-office-earlier"
    (left / "profile").mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (left / "owner").write_text(f"{dead.pid}\n", encoding="utf-8")
    # A stand-in for its LibreOffice: a process whose command line names the profile, as soffice's does.
    orphan = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(300)", f"-env:UserInstallation=file://{left}/profile"],
        start_new_session=True,
    )
    process = _start(project, temp)
    try:
        wait_for(lambda: not left.exists() and orphan.poll() is not None, 60, step=0.2)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        _, errors = process.communicate(timeout=30)
        if orphan.poll() is None:
            orphan.kill()
    assert "earlier preview" in errors and str(left) in errors, errors
