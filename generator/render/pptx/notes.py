"""Speaker notes: what the clinician says beside a slide — each treatment's full facts, and the
content's notes for clinical review."""

from __future__ import annotations

from generator.document.inline import plain
from generator.document.model import Section, TreatmentDetail


def treatment_notes(t: TreatmentDetail, labels) -> str:
    lines = [f"{t.name}: {plain(t.what)}"]
    lines.append(f"{labels.indications_clinician}: " + "; ".join(plain(i) for i in t.indications))
    lines.append(f"{labels.contraindications_clinician}: " + "; ".join(plain(i) for i in t.contraindications))
    lines.append(f"{labels.course}: {plain(t.course)}")
    if plain(t.evidence):
        lines.append(f"{labels.evidence}: {plain(t.evidence)}")
    if t.sources:
        lines.append(labels.speaker_sources)
        lines += [f"– {source}" for source in t.sources]
    if t.needs_review:
        lines.append(f"{labels.review_notes}: {t.needs_review}")
    return "\n".join(lines)


def review_notes(section: Section, labels) -> list[str]:
    notes = [b.needs_review for b in section.blocks if getattr(b, "needs_review", None)]
    if section.needs_review:
        notes.insert(0, section.needs_review)
    return [f"{labels.review_notes}:"] + [f"– {n}" for n in notes] if notes else []
