"""The translatable texts of a language file, each under a stable context (issue 24: export).

Only text a reader sees: never ids, file names, dates, names of people or addresses (those live in
``condition.yaml`` and the clinic file, not in a language file). ``medical_terms`` and the ``glossary`` are
left out: each language writes its own, term by term, rather than translating the source's list.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import Location
from generator.loading.schema import LanguageFile, ListEntry, ParagraphEntry, StepsEntry, TreatmentText

PLAIN = "patient text: plain words, short sentences"
CLINICAL = "clinician text: the usual medical terms"


@dataclass(frozen=True)
class Unit:
    context: str  # a path of ids, e.g. "section/what-is-it/patient/1/p"
    text: str
    note: str  # what the translator needs to know about it
    where: Location


def units(text: LanguageFile) -> list[Unit]:
    """Every translatable text of ``text``, in the file's order."""
    out: list[Unit] = []

    def add(context: str, value: str | None, note: str, where: Location) -> None:
        if value:
            out.append(Unit(context, value, note, where))

    add("title", text.title, "the title on every product: a few words", text.where("title"))
    add("subtitle", text.subtitle, "under the title", text.where("subtitle"))
    add("summary", text.summary, f"the first sentence a patient reads; {PLAIN}", text.where("summary"))
    add("disclaimer", text.disclaimer, "on the back: this does not replace a doctor's advice", text.where("disclaimer"))
    add("feedback", text.feedback, "on the back: where to send comments", text.where("feedback"))
    for group in text.treatment_groups:
        add(f"group/{group.id}", group.label, "a heading above treatments of one kind", group.where("label"))
    for image in text.images:
        add(f"image/{image.id}/alt", image.alt, "read aloud by screen readers for the picture", image.where("alt"))
        add(f"image/{image.id}/caption", image.caption, "printed under the picture", image.where("caption"))
    for section in text.sections:
        base = f"section/{section.id}"
        add(f"{base}/title", section.title, "a section heading (patients)", section.where("title"))
        slide = "a slide title: short"
        add(f"{base}/clinician_title", section.clinician_title, slide, section.where("clinician_title"))
        add(f"{base}/part", section.part, "a part of the slide deck: a few words", section.where("part"))
        for audience, note in (("patient", PLAIN), ("clinician", CLINICAL)):
            for number, block in enumerate(getattr(section, audience), start=1):
                at = f"{base}/{audience}/{number}"
                if isinstance(block, ParagraphEntry):
                    add(f"{at}/p", block.text, f"a paragraph; {note}", block.where("p"))
                elif isinstance(block, (ListEntry, StepsEntry)):
                    kind = "list" if isinstance(block, ListEntry) else "steps"
                    for item_number, item in enumerate(block.items, start=1):
                        where = block.where(kind, item_number - 1)
                        add(f"{at}/{kind}/{item_number}", item, f"a {kind} item; {note}", where)
    for treatment in text.treatments:
        base = f"treatment/{treatment.id}"
        add(f"{base}/name", treatment.name, "a treatment's name: a table cell, keep it short", treatment.where("name"))
        for audience, note in (("patient", PLAIN), ("clinician", CLINICAL)):
            words: TreatmentText = getattr(treatment, audience)
            at = f"{base}/{audience}"
            add(f"{at}/what", words.what, f"what the treatment is; {note}", words.where("what"))
            add(f"{at}/course", words.course, "how long and how often: a short table cell", words.where("course"))
            add(f"{at}/evidence", words.evidence, f"what is known of its effect; {note}", words.where("evidence"))
            for field in ("indications", "contraindications"):
                role = "when it is used" if field == "indications" else "when it must not be used"
                for number, item in enumerate(getattr(words, field), start=1):
                    cell = f"{role}: a table cell, keep it short; {note}"
                    add(f"{at}/{field}/{number}", item, cell, words.where(field, number - 1))
    return out
