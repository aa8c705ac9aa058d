"""What leafdeck notes on a flowable (generator/render/pdf/memo.py): written with attach, read with
of (which never attaches), inherited by split pieces, copied."""

from __future__ import annotations

from reportlab.platypus import Spacer

from generator.diagnostics import Location
from generator.render.pdf import memo


def test_of_reads_without_attaching_and_attach_keeps_one_memo():
    flowable = Spacer(1, 1)
    assert memo.of(flowable).source is None and not hasattr(flowable, memo.ATTRIBUTE)
    memo.attach(flowable).role = "H2"
    assert memo.attach(flowable).role == "H2" and memo.of(flowable).role == "H2"


def test_a_piece_inherits_what_it_has_not_got_and_keeps_its_own():
    head, piece = Spacer(1, 1), Spacer(1, 1)
    memo.attach(head).source, memo.attach(head).section = Location("nb.yaml", 3), "Om"
    memo.attach(piece).section = "Egen"
    memo.inherit(head, piece, "source", "section")
    assert memo.of(piece).source == Location("nb.yaml", 3) and memo.of(piece).section == "Egen"


def test_a_copy_is_independent():
    flowable = Spacer(1, 1)
    memo.attach(flowable).alt = "En sirkel"
    copy = memo.copy_of(flowable)
    copy.alt = "endret"
    assert memo.of(flowable).alt == "En sirkel"
