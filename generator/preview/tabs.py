"""Which selections the browser tabs look at, so a refresh draws those first and only those: the
ones open now, or (before any tab has connected) the one asked for last, and one drawn once for a
link followed in the web page's frame."""

from __future__ import annotations

import time


class Tabs:
    def __init__(self) -> None:
        self._asked: dict[str, float] = {}  # selection key -> when it was last asked for
        self._viewers: dict[str, int] = {}  # selection key -> browser tabs showing it now
        self._once: set[str] = set()  # drawn once for a link followed in the frame

    def asked(self, key: str) -> None:
        self._asked[key] = time.monotonic()

    def viewing(self, key: str, tabs: int) -> None:
        """A tab started (+1) or stopped (-1) showing ``key``."""
        self._viewers[key] = max(0, self._viewers.get(key, 0) + tabs)

    def once(self, key: str) -> None:
        self._once.add(key)

    def kept_current(self) -> list[str]:
        """What a refresh draws, the latest asked for first (and forgets the ones drawn once)."""
        shown = [key for key, tabs in self._viewers.items() if tabs > 0]
        if not shown and self._asked:
            shown = [max(self._asked, key=self._asked.__getitem__)]
        shown += [key for key in self._once if key not in shown]
        self._once.clear()
        return sorted(shown, key=lambda key: self._asked.get(key, 0), reverse=True)
