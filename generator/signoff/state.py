"""Whether a language's text is approved as it stands (issue 25): approved means an approval record whose
clinical digest is the current snapshot's. Without any record for the language, the condition file's
``review.status`` and ``clinical_reviewer`` decide, as before records existed (flagged by ``check``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.loading.approvals import Approval, Kind, digest
from generator.loading.model import ConditionContent
from generator.signoff.snapshot import snapshot


@dataclass(frozen=True)
class SignOff:
    approved: bool
    clinical: Approval | None  # the clinical approval the current text rests on (reviewer, date)
    latest: Approval | None  # the language's last approval


def sign_off(content: ConditionContent, language: str, images_dir: Path) -> SignOff | None:
    """The state of ``language``'s text; None when it has no approval record."""
    records = [a for a in content.approvals if a.language == language]
    if not records:
        return None
    current = digest(snapshot(content, language, images_dir))
    matching = [n for n, a in enumerate(records) if a.digest == current]
    if not matching:
        return SignOff(False, None, records[-1])
    last = matching[-1]
    clinical = next((a for a in reversed(records[: last + 1]) if a.kind == Kind.CLINICAL), records[last])
    return SignOff(True, clinical, records[-1])
