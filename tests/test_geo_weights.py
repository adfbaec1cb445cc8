"""The weight search script (scripts/search_geo_weights.py) on a stand-in scorer: no dev data needed."""

from __future__ import annotations

import dataclasses
from typing import Any

from helpers import script

from chronicle.geo.resolve import Weights


def test_every_weight_is_searched() -> None:
    grid = script("search_geo_weights").GRID
    fields = {f.name for f in dataclasses.fields(Weights)}
    assert set(grid) == fields - {"area_base"}  # area_base only sets areas on the towns' scale
    assert all(getattr(Weights(), name) in values for name, values in grid.items())  # the start is a grid point


class _Bench:
    """acc@161 peaks at home=2.0, population=0.75; precision prefers a lower share."""

    def score(self, w: Any) -> dict[str, float]:
        acc = 0.8 - abs(w.home - 2.0) / 100 - abs(w.population - 0.75) / 100
        return {"acc161": acc, "det_recall": 0.8, "det_precision": 0.9 - w.share / 1000, "res_acc161": acc}


def test_coordinate_ascent_finds_the_best_and_keeps_ties() -> None:
    chosen, best, log = script("search_geo_weights").search(_Bench(), rounds=3)
    assert chosen.home == 2.0 and chosen.population == 0.75
    assert chosen.share == 0.0  # equal acc161: the higher detection precision wins
    assert chosen.capital == Weights().capital  # no effect at all: the current value stays
    assert best["acc161"] == 0.8 and log[0]["acc161"] < 0.8
