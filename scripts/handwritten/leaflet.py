"""A hand-written leaflet, for scripts/benchmark.py (issue 26): what a developer writes for one document with
reportlab alone — the condition's title, summary, patient sections and the treatment table from the YAML, in
a base font, no hyphenation, no checks. Usage: python leaflet.py CONTENT_DIR CONDITION LANG OUT.pdf"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from ruamel.yaml import YAML


def main(content: Path, condition: str, lang: str, out: Path) -> None:
    text = YAML(typ="safe").load((content / condition / f"{lang}.yaml").read_text(encoding="utf-8"))
    styles = getSampleStyleSheet()
    story = [Paragraph(text["title"], styles["Title"]), Paragraph(text["summary"], styles["BodyText"])]
    for section in text["sections"]:
        story.append(Paragraph(section["title"], styles["Heading2"]))
        for block in section.get("patient", []):
            if "p" in block:
                story.append(Paragraph(block["p"], styles["BodyText"]))
            for key in ("list", "steps"):
                if key in block:
                    items = [Paragraph(item, styles["BodyText"]) for item in block[key]]
                    story.append(ListFlowable(items, bulletType="bullet"))
    rows = [["Behandling", "Brukes ved", "Ikke ved", "Forløp"]]
    cell = styles["BodyText"]
    for treatment in text["treatments"]:
        words = treatment["patient"]
        rows.append(
            [
                Paragraph(treatment["name"], cell),
                Paragraph("<br/>".join(words["indications"]), cell),
                Paragraph("<br/>".join(words["contraindications"]), cell),
                Paragraph(words["course"], cell),
            ]
        )
    table = Table(rows, colWidths=[40 * mm, 45 * mm, 45 * mm, 40 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4]))
