"""Which structure role each flowable of a story plays (paragraph, heading, list item, table cell,
figure, link), as a tag path given before layout: from the flowable's memo, never guessed."""

from __future__ import annotations

from reportlab.platypus import Image, Paragraph, Table

from generator.render.pdf import compat, memo
from generator.render.pdf.tagging.marked import OrderedList, Path_, artifact_table_class, as_artifact, tag_role


def tag_story(story: list, prefix: Path_ = ()) -> list:
    """Give every flowable of ``story`` (and inside tables and groups) its role, by what it is.

    Paragraph styles name headings (title -> H1, section headings -> H2); bullet paragraphs
    become L/LI/LBody; pictures become Figure with their alt text; the comparison table becomes
    Table/TR/TH/TD; layout tables (title band, callout box, back page) only lend their cells'
    content and paint their backgrounds and rules as artifacts.
    """
    for flowable in story:
        _tag_one(flowable, prefix)
    return story


def _tag_one(flowable, prefix: Path_) -> None:

    kind = type(flowable).__name__
    if kind == "Pathway":
        # Its boxes and arrows are painted as artifacts by the flowable itself.
        steps = memo.of(flowable).steps or OrderedList()
        memo.attach(flowable).steps = steps
        for number, text in zip(flowable.numbers, flowable.texts):
            item = object()
            tag_role(number, *prefix, ("L", steps), ("LI", item), ("Lbl", item))
            tag_role(text, *prefix, ("L", steps), ("LI", item), ("LBody", item))
    elif isinstance(flowable, Table):
        compat.retype(flowable, artifact_table_class(type(flowable)))
        structured = memo.of(flowable).rows is not None
        mirrored = memo.of(flowable).mirrored
        table = object()
        for r, row in enumerate(compat.cell_values(flowable)):
            for drawn, cell in enumerate(row):
                c = len(row) - 1 - drawn if mirrored else drawn  # the reading order's column
                if structured:
                    cell_role = ("TH", (r, c)) if r == 0 else ("TD", (r, c))
                    cell_path = (*prefix, ("Table", table), ("TR", r), cell_role)
                else:
                    cell_path = prefix
                for inner in cell if isinstance(cell, (list, tuple)) else [cell]:
                    if not hasattr(inner, "drawOn"):
                        continue
                    if structured and r == 0:
                        tag_role(inner, *cell_path, scope="Column")
                    elif structured:
                        _tag_cell(inner, cell_path)
                    else:
                        _tag_one(inner, cell_path)
    elif compat.is_container(flowable):  # Unbreakable, KeepTogether
        for inner in compat.contents(flowable):
            _tag_one(inner, prefix)
    elif isinstance(flowable, Paragraph):
        key = object()
        list_key = memo.of(flowable).list_key
        if list_key is not None:
            tag_role(flowable, *prefix, ("L", list_key), ("LI", key), ("LBody", key))
        else:
            role = memo.of(flowable).role or "P"
            tag_role(flowable, *prefix, (role, key), uri=memo.of(flowable).href)
    elif isinstance(flowable, Image) or kind == "QrCode":
        tag_role(flowable, *prefix, ("Figure", object()), alt=(memo.of(flowable).alt or ""))
    elif kind not in ("Spacer", "NextPageTemplate", "CondPageBreak") and hasattr(flowable, "drawOn"):
        as_artifact(flowable)


def _tag_cell(inner, cell_path: Path_) -> None:
    """Content of a data cell: paragraphs straight into the TD, bullets as a list inside it."""

    if isinstance(inner, Paragraph) and memo.of(inner).list_key is None:
        tag_role(inner, *cell_path)
    else:
        _tag_one(inner, cell_path)
