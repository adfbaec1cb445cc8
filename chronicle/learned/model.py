"""A multinomial logistic-regression model over sparse sentence features.

The model is a weight row per known feature plus a bias, stored as one
compressed numpy archive. Scoring a sentence sums the rows of its features,
scales by 1/sqrt(number of features) (as in training), and applies softmax.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class LinearModel:
    """Feature vocabulary, weights (features x labels), bias and label names."""

    labels: tuple[str, ...]
    index: dict[str, int]
    weights: NDArray[np.float32]
    bias: NDArray[np.float32]

    def logits(self, features: list[str]) -> NDArray[np.float64]:
        rows = [i for i in (self.index.get(f) for f in features) if i is not None]
        z = self.bias.astype(np.float64)
        if rows:
            z = z + self.weights[rows].sum(axis=0, dtype=np.float64) / np.sqrt(max(len(features), 1))
        return z

    def probabilities(self, features: list[str]) -> NDArray[np.float64]:
        z = self.logits(features)
        e = np.exp(z - z.max())
        return e / e.sum()

    def save(self, path: Path, meta: dict[str, object]) -> None:
        """Write `path` (.npz) and its metadata next to it (`path` with suffix .json)."""
        names = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(path, features=np.array(names), weights=self.weights.astype(np.float16),
                            bias=self.bias, labels=np.array(self.labels))
        path.with_suffix(".json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_model(path: Path) -> LinearModel:
    """Read a model written by `LinearModel.save`."""
    with np.load(path, allow_pickle=False) as npz:
        names = [str(s) for s in npz["features"]]
        return LinearModel(labels=tuple(str(s) for s in npz["labels"]),
                           index={n: i for i, n in enumerate(names)},
                           weights=npz["weights"].astype(np.float32), bias=npz["bias"].astype(np.float32))
