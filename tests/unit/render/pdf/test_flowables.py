"""leafdeck's own flowables, measured without drawing a page."""

from __future__ import annotations


def test_the_leaflets_back_block_takes_a_smaller_version_where_room_is_short():
    from reportlab.platypus import Spacer

    from generator.render.pdf import flowables

    versions = [Spacer(10, height) for height in (100, 80, 60)]
    choice = flowables.Variants(versions)
    assert choice.wrap(100, 1000) == (10, 100)
    assert choice.split(100, 85) == [versions[1]] and choice.split(100, 65) == [versions[2]]
    assert choice.split(100, 50) == []
