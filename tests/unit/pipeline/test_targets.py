"""What to build (generator/pipeline/targets.py): shards that cover every output exactly once."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.kinds import variants
from generator.pipeline import targets as targeting
from support.content import TODAY, output_hashes


def test_shards_cover_every_output_exactly_once(project, tmp_path):
    options = targeting.Options(
        content_dir=project / "content",
        out_dir=tmp_path,
        products=("leaflet", "brochure", "deck", "print-shop"),
        today=dt.date.fromisoformat(TODAY),
    )
    everything = [t.key for t in targeting.targets(options)]
    assert len(everything) == 2 * len(variants(options.products))
    for count in (1, 2, 3, 7):
        parts = [
            [t.key for t in targeting.targets(targeting.Options(**{**options.__dict__, "shard": (i, count)}))]
            for i in range(1, count + 1)
        ]
        flat = [key for part in parts for key in part]
        assert sorted(flat) == sorted(everything) and len(flat) == len(set(flat))


def test_shard_runs_together_build_everything(project, run):
    assert run(project, "--shard", "1/2").code == 0
    assert run(project, "--shard", "2/2").code == 0
    assert len(output_hashes(project / "output")) == 11


def test_bad_shard_is_a_usage_error(project, run):
    with pytest.raises(SystemExit) as exc:
        run(project, "--shard", "3/2")
    assert exc.value.code == 2
