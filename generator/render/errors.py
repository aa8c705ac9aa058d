"""What a renderer raises when content cannot be laid out: a message, the content line, a hint."""

from __future__ import annotations

from generator.diagnostics import Location


class LayoutProblem(Exception):
    """Content that does not fit its page, panel or slide. Never silently clipped or dropped."""

    def __init__(self, message: str, source: Location | None, hint: str = ""):
        super().__init__(message)
        self.message, self.source, self.hint = message, source, hint
        self.others: tuple[LayoutProblem, ...] = ()

    @classmethod
    def all_of(cls, problems: list[LayoutProblem]) -> None:
        """Raise the first problem carrying the rest, so staff see every overflow in one run."""
        if problems:
            first = problems[0]
            first.others = tuple(problems[1:])
            raise first

    def each(self) -> tuple[LayoutProblem, ...]:
        return (self, *self.others)
