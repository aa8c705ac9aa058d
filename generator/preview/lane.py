"""A background thread that waits for work under a condition variable, takes it and does it, until
stopped: the preview's builder and its slide converter are both one."""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

Job = TypeVar("Job")


class Lane(Generic[Job]):
    """Subclasses say when there is work (:meth:`_pending`, called under the lock), take it
    (:meth:`_take`, under the lock) and do it (:meth:`_do`, without the lock)."""

    def __init__(self, name: str, lock: threading.RLock | None = None):
        self._wake = threading.Condition(lock)
        self._stopped = False
        self._busy = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify_all()

    def poke(self) -> None:
        """There may be work: call with the lock held, after changing what :meth:`_pending` reads."""
        self._wake.notify_all()

    @property
    def working(self) -> bool:
        with self._wake:
            return self._busy or self._pending()

    @property
    def stopped(self) -> bool:
        with self._wake:
            return self._stopped

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._pending() and not self._stopped:
                    self._wake.wait()
                if self._stopped:
                    return
                job = self._take()
                self._busy = True
            try:
                self._do(job)
            finally:
                with self._wake:
                    self._busy = False

    def _pending(self) -> bool:
        raise NotImplementedError

    def _take(self) -> Job:
        raise NotImplementedError

    def _do(self, job: Job) -> None:
        raise NotImplementedError
