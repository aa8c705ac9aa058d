"""``--watch``: rebuild whenever a content, image or template file is saved, until Ctrl+C.

Each rebuild is an ordinary incremental build, so only the outputs whose inputs changed are
drawn again. A content mistake is printed and the watcher keeps running: the last good outputs
stay in place until the file is fixed. One line per rebuild says what happened and how long it took.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

from watchfiles import watch as changes


def watch(options, build: Callable[[object], int]) -> int:
    """Build once in this process (so it holds warm fonts, images and templates, which every
    worker forked for a rebuild then inherits), then rebuild on every save."""

    folders = [Path(options.content_dir), options.images]
    if options.template is not None:
        folders.append(Path(options.template))  # the file itself, not its (busy) folder
    folders = [f for f in folders if f.exists()]
    out_dir = Path(options.out_dir).resolve()

    def relevant(change, path: str) -> bool:
        return relevant_change(change, path) and not Path(path).resolve().is_relative_to(out_dir)

    build(dataclasses.replace(options, jobs=1, force=False))
    announced = False
    try:
        # Empty batches arrive every 200 ms; the first one means the watcher is really listening.
        for batch in changes(
            *folders, debounce=80, step=20, watch_filter=relevant, yield_on_timeout=True, rust_timeout=200
        ):
            if not batch:
                if not announced:
                    print(
                        f"watching {', '.join(str(f) for f in folders)} for changes; press Ctrl+C to stop", flush=True
                    )
                    announced = True
                continue
            started = time.perf_counter()
            try:
                status = build(options)
            except Exception as exc:  # noqa: BLE001 - the watcher outlives any one rebuild
                print(f"error: the rebuild failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
                status = 1
            names = ", ".join(sorted({Path(path).name for _, path in batch}))
            verdict = "ok" if status == 0 else "errors (earlier outputs kept)"
            print(
                f"{dt.datetime.now():%H:%M:%S} {names}: rebuilt in {time.perf_counter() - started:.2f} s, {verdict}",
                flush=True,
            )
    except KeyboardInterrupt:
        print("stopped watching.", file=sys.stderr)
    return 0


# What editors write beside a file while saving it (vim's write probe "4913", JetBrains' safe-write
# copies, Emacs' autosaves): never content, and a change to them must not rebuild anything.
_EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".bak", "___jb_tmp___", "___jb_old___", ".crswap")


def relevant_change(change, path: str) -> bool:
    name = Path(path).name
    return not (name.startswith((".", "#")) or name.endswith(_EDITOR_LEFTOVERS) or name == "4913")
