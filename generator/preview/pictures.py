"""The pictures the preview drew, by SHA-256, kept in memory: the web app serves them by digest.
At most :data:`KEPT` beyond those a preview shows (a tab may reload them any time)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

KEPT = 400  # JPEGs (~100 KB each) beyond those shown: older versions for open tabs


class Pictures:
    def __init__(self) -> None:
        self._pictures: OrderedDict[str, bytes] = OrderedDict()

    def get(self, digest: str) -> bytes | None:
        return self._pictures.get(digest)

    def put(self, digest: str, picture: bytes) -> None:
        self._pictures[digest] = picture
        self._pictures.move_to_end(digest)

    def forget_unshown(self, shown: Iterable[str], kept: int = KEPT) -> None:
        """Keep at most ``kept`` pictures, the oldest forgotten first, but never one in ``shown``."""
        if len(self._pictures) <= kept:
            return
        on_screen = set(shown)
        for digest in [d for d in self._pictures if d not in on_screen][: len(self._pictures) - kept]:
            del self._pictures[digest]
