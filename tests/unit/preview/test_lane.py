"""A background thread that takes work under a condition variable (generator/preview/lane.py): it
does every job handed to it, in order, reports whether it is working, and stops."""

from __future__ import annotations

import threading
import time

from generator.preview.lane import Lane


class Collect(Lane[int]):
    def __init__(self):
        super().__init__("test-lane")
        self.waiting: list[int] = []
        self.done: list[int] = []
        self.gate = threading.Event()

    def hand(self, job: int) -> None:
        with self._wake:
            self.waiting.append(job)
            self.poke()

    def _pending(self) -> bool:
        return bool(self.waiting)

    def _take(self) -> int:
        return self.waiting.pop(0)

    def _do(self, job: int) -> None:
        self.gate.wait(5)
        self.done.append(job)


def _settle(lane: Collect) -> None:
    deadline = time.monotonic() + 5
    while lane.working:
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_every_job_is_done_in_order_and_working_says_so_meanwhile():
    lane = Collect()
    lane.start()
    try:
        for job in (1, 2, 3):
            lane.hand(job)
        assert lane.working
        lane.gate.set()
        _settle(lane)
        assert lane.done == [1, 2, 3] and not lane.working
    finally:
        lane.stop()


def test_a_stopped_lane_takes_no_more_work():
    lane = Collect()
    lane.gate.set()
    lane.start()
    lane.stop()
    lane._thread.join(5)
    assert not lane._thread.is_alive() and lane.stopped
    lane.hand(1)
    time.sleep(0.05)
    assert lane.done == []
