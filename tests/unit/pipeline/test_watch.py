"""What --watch and the preview count as a change (generator/pipeline/watch.py): never what editors
write beside a file while saving it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "name",
    [
        "4913",
        "nb.yaml~",
        ".nb.yaml.swp",
        "#nb.yaml#",
        ".#nb.yaml",
        "nb.yaml___jb_tmp___",
        "nb.yaml___jb_old___",
        "nb.yaml.crswap",
    ],
)
def test_what_editors_write_while_saving_is_not_a_change(name):
    from generator.pipeline.watch import relevant_change

    assert not relevant_change(None, f"/c/tiny/{name}")
    assert relevant_change(None, "/c/tiny/nb.yaml") and relevant_change(None, "/i/circle.png")
