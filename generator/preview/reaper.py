"""The keeper of the preview's LibreOffice: a small process between the preview and unoserver that
ends the whole LibreOffice tree and removes its profile folder however the preview ends.

    python -m generator.preview.reaper FOLDER -- UNOSERVER COMMAND ...

LibreOffice runs as a tree (unoserver -> oosplash -> soffice.bin) that outlives its parent when
nobody ends it: a preview stopped with SIGTERM or SIGHUP, or killed, used to leave it running with
its profile in the temporary folder. The keeper is started by the preview in a session of its own
(terminal signals reach the preview, which then stops it) and

- ends when asked (SIGTERM, SIGHUP, SIGINT), when unoserver ends, or when the preview is gone:
  on Linux the kernel tells it at once (the preview sets ``PR_SET_PDEATHSIG`` when it starts the
  keeper), elsewhere it notices within a fraction of a second that its parent changed;
- on Linux is a "child subreaper" (``PR_SET_CHILD_SUBREAPER``): a LibreOffice process whose parent
  dies is handed to the keeper, not to init, so none can slip away; it kills them all and reaps
  them (no zombies);
- kills unoserver's process group, then every process still below it, and removes FOLDER (the
  profile, the bridge to unoserver's package and the ``owner`` file that names the keeper, by
  which a later preview recognises what an earlier one left, see :func:`leftovers`).

It uses the standard library only and never imports the rest of leafdeck.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

OWNER = "owner"  # in FOLDER: the keeper's process id
PREFIX = "leafdeck-preview-office-"  # the folder's name in the temporary folder
_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36
LINUX = sys.platform.startswith("linux")


def _prctl():
    if not LINUX:
        return None

    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


PRCTL = _prctl()


def tie_to_parent(sig: int = signal.SIGTERM) -> None:
    """In a child between fork and exec (Linux): ``sig`` when the thread that started it ends.
    ``PRCTL`` is looked up before the fork, so the child only calls it."""
    if PRCTL is not None:
        PRCTL(_PR_SET_PDEATHSIG, sig)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python -m generator.preview.reaper FOLDER -- COMMAND ...", file=sys.stderr)
        return 2
    folder, command = Path(argv[0]), argv[2:]
    parent = os.getppid()
    stop: list[int] = []
    for sig in (signal.SIGTERM, signal.SIGINT, *((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ())):
        signal.signal(sig, lambda number, _frame: stop.append(number))
    if PRCTL is not None:
        PRCTL(_PR_SET_CHILD_SUBREAPER, 1)
    (folder / OWNER).write_text(f"{os.getpid()}\n", encoding="utf-8")
    child = None
    try:
        if os.getppid() == parent:  # the preview may have died before we got here
            child = subprocess.Popen(
                command,
                env={**os.environ, "PYTHONPATH": str(folder / "path")},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=tie_to_parent if os.name == "posix" else None,
            )
            while not stop and child.poll() is None and os.getppid() == parent:
                time.sleep(0.1)
    finally:
        _end_tree(child)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def _end_tree(child: subprocess.Popen | None) -> None:
    """Kill unoserver's group, then whatever of LibreOffice is left below the keeper, and reap it all."""
    if child is not None:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except (OSError, AttributeError):
            child.kill()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for pid in _children():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:  # reap: no zombie is left
                pass
        except ChildProcessError:
            return  # no child at all any more
        time.sleep(0.05)


def _children() -> list[int]:
    """The keeper's children: on Linux every orphan of the tree is one (subreaper)."""
    if not LINUX:
        return []
    mine, found = os.getpid(), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    raw = handle.read()
            except OSError:
                continue
            if int(raw[raw.rindex(b")") + 2 :].split()[1]) == mine:
                found.append(int(entry))
    return found


# -- what an earlier preview left ----------------------------------------------------------------


def command_line(pid: int) -> str | None:
    """A process's command line, or None when there is no such process (or it cannot be read)."""
    if LINUX:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                return handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return None
    if os.name != "posix":
        return None
    done = subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def _processes_naming(folder: Path) -> list[int]:
    """Processes whose command line names ``folder`` (LibreOffice names its profile there)."""
    needle = str(folder)
    if LINUX:
        pids = [int(e) for e in os.listdir("/proc") if e.isdigit()]
        return [pid for pid in pids if pid != os.getpid() and needle in (command_line(pid) or "")]
    if os.name != "posix":
        return []
    done = subprocess.run(["ps", "-ax", "-o", "pid=,command="], capture_output=True, text=True, check=False)
    return [
        int(line.split(None, 1)[0])
        for line in done.stdout.splitlines()
        if needle in line and line.split(None, 1)[0].isdigit()
    ]


def leftovers(temp: Path, young: float = 600) -> list[str]:
    """End what an earlier preview left in ``temp`` and say what: a profile folder whose keeper is
    gone (its ``owner`` names no running keeper; a folder without one, older than ``young``
    seconds), and any LibreOffice still running on it. Folders of a preview running now stay."""
    said = []
    for folder in sorted(Path(temp).glob(PREFIX + "*")):
        try:
            owner = int((folder / OWNER).read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            owner = None
        if owner is not None and "generator.preview.reaper" in (command_line(owner) or ""):
            continue  # another preview is running: its LibreOffice is in use
        if owner is None and time.time() - folder.stat().st_mtime < young:
            continue  # a preview starting right now has not written it yet
        ended = []
        for pid in _processes_naming(folder):
            try:
                os.kill(pid, signal.SIGKILL)
                ended.append(pid)
            except OSError:
                pass
        shutil.rmtree(folder, ignore_errors=True)
        what = f"LibreOffice process{'es' if len(ended) > 1 else ''} {', '.join(map(str, ended))} and " if ended else ""
        state = "removed" if not folder.exists() else "could not remove (in use?)"
        said.append(f"an earlier preview left {what}its profile {folder}: {state}")
    return said


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
