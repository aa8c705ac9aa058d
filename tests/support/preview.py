"""Driving the preview's engine as its web app and watcher do: open tabs on selections, tell it about
saves, wait until it has drawn everything."""

from __future__ import annotations

import time
from pathlib import Path

from generator.preview.engine import Engine, Selection


def settle(engine: Engine, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    time.sleep(0.05)
    while not engine.idle:
        assert time.monotonic() < deadline, "the preview did not settle"
        time.sleep(0.02)


def saved(engine: Engine, path: Path) -> None:
    """What the watcher does after a save."""
    engine.changed({str(path)})
    settle(engine)


def look(engine: Engine, *selections: Selection):
    """Open a tab on each selection (as the browser's event stream does)."""
    for selection in selections:
        engine.watch(selection)
        engine.viewing(selection, +1)
    settle(engine)
    return [engine.preview(s) for s in selections]
