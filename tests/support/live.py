"""The live preview as staff start it, for the tests and the benchmark: ``generate.py preview`` in its
own process on a free port, stopped (with its LibreOffice) when the block ends."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Served:
    address: str  # http://127.0.0.1:PORT/
    process: subprocess.Popen
    errors: Path  # what it printed on stderr

    def stderr(self) -> str:
        return self.errors.read_text(encoding="utf-8", errors="replace")

    def state(self, selection: str) -> dict:
        with urllib.request.urlopen(f"{self.address}api/state?selection={selection}", timeout=20) as answer:
            return json.loads(answer.read())

    def settled(self, selection: str, timeout: float = 90) -> dict:
        """The selection's state once every product is drawn."""

        def done():
            state = self.state(selection)
            return state if state["status"] != "building" and not any(p["busy"] for p in state["products"]) else None

        return wait_for(done, timeout, step=0.1)


@contextmanager
def preview_server(cwd: Path, *args: str, wait: float = 60):
    """Yields a Served; ``args`` go to ``generate.py preview --port 0``."""
    errors = Path(tempfile.mkstemp(prefix="leafdeck-preview-", suffix=".err")[1])
    with errors.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "generate.py"), "preview", "--port", "0", *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        address = None
        deadline = time.monotonic() + wait
        while address is None and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 0.5)  # a silent preview fails, not hangs
            if not ready:
                if process.poll() is not None:
                    raise RuntimeError(f"the preview stopped: {errors.read_text(encoding='utf-8')}")
                continue
            line = process.stdout.readline() if process.stdout else ""
            if not line and process.poll() is not None:
                raise RuntimeError(f"the preview stopped: {errors.read_text(encoding='utf-8')}")
            found = re.search(r"http://[^/\s]+/", line)
            address = found.group(0) if found else None
        if address is None:
            raise RuntimeError("the preview printed no address")
        yield Served(address.replace("0.0.0.0", "127.0.0.1"), process, errors)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # as Ctrl+C: it stops LibreOffice too
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process.stdout:
            process.stdout.close()


def wait_for(condition, timeout: float = 30, step: float = 0.02):
    """Poll ``condition()`` until it returns something true; its value, or AssertionError."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout} s: {getattr(condition, '__doc__', None) or condition}")
