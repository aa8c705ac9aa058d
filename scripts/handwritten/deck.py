"""A hand-written slide deck, for scripts/benchmark.py (issue 26): what a developer writes for one deck with
python-pptx alone — a title slide, a slide of bullets per clinician section and a native table of the
treatments, on python-pptx's default template, no fitting, no checks.
Usage: python deck.py CONTENT_DIR CONDITION LANG OUT.pptx"""

from __future__ import annotations

import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches, Pt
from ruamel.yaml import YAML


def main(content: Path, condition: str, lang: str, out: Path) -> None:
    text = YAML(typ="safe").load((content / condition / f"{lang}.yaml").read_text(encoding="utf-8"))
    deck = Presentation()
    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = text["title"]
    title.placeholders[1].text = text["subtitle"]
    for section in text["sections"]:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = section.get("clinician_title", section["title"])
        body = slide.placeholders[1].text_frame
        lines = []
        for block in section.get("clinician", section.get("patient", [])):
            lines += [block["p"]] if "p" in block else block.get("list", block.get("steps", []))
        body.text = lines[0] if lines else ""
        for line in lines[1:]:
            body.add_paragraph().text = line
        slide.notes_slide.notes_text_frame.text = " ".join(lines)
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Behandlinger"
    rows = text["treatments"]
    table = slide.shapes.add_table(len(rows) + 1, 3, Inches(0.5), Inches(1.5), Inches(9), Inches(5)).table
    for column, heading in enumerate(("Behandling", "Indikasjoner", "Kontraindikasjoner")):
        table.cell(0, column).text = heading
    for row, treatment in enumerate(rows, start=1):
        words = treatment["clinician"]
        cells = (treatment["name"], "; ".join(words["indications"]), "; ".join(words["contraindications"]))
        for column, value in enumerate(cells):
            table.cell(row, column).text = value
            for paragraph in table.cell(row, column).text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(10)
    deck.save(str(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4]))
