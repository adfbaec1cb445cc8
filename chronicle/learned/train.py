"""Fitting the event-type model: softmax regression with L2, full-batch Adam, numpy only.

Reads (features, label, weight) triples; returns a `LinearModel`. Deterministic:
the only randomness is the weight initialisation, drawn from a seeded generator.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from chronicle.learned.model import LinearModel


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters (chosen on events_plv dev, see training/README.md)."""

    epochs: int = 300
    learning_rate: float = 0.05
    l2: float = 1e-5
    min_count: int = 1
    seed: int = 13


@dataclass(frozen=True)
class Example:
    features: list[str]
    label: str
    weight: float = 1.0


def _vocabulary(examples: list[Example], min_count: int) -> dict[str, int]:
    counts = Counter(f for ex in examples for f in set(ex.features))
    kept = sorted(f for f, c in counts.items() if c >= min_count)
    return {f: i for i, f in enumerate(kept)}


def fit(examples: list[Example], labels: tuple[str, ...], config: TrainConfig = TrainConfig()) -> LinearModel:
    """Train on `examples`; every example's label must be in `labels`."""
    index = _vocabulary(examples, config.min_count)
    label_id = {lab: k for k, lab in enumerate(labels)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, ex in enumerate(examples):
        known = [index[f] for f in ex.features if f in index]
        scale = 1.0 / np.sqrt(max(len(ex.features), 1))
        rows.extend([r] * len(known))
        cols.extend(known)
        vals.extend([scale] * len(known))
    row_a, col_a, val_a = np.array(rows), np.array(cols), np.array(vals)
    # Entries sorted by column, so the gradient per feature is one reduceat over contiguous runs.
    order = np.argsort(col_a, kind="stable")
    col_sorted = col_a[order]
    starts = np.flatnonzero(np.r_[True, col_sorted[1:] != col_sorted[:-1]])
    present = col_sorted[starts]

    n, k, f = len(examples), len(labels), len(index)
    y = np.zeros((n, k))
    y[np.arange(n), [label_id[ex.label] for ex in examples]] = 1.0
    sample_w = np.array([ex.weight for ex in examples])
    sample_w = sample_w / sample_w.sum()
    rng = np.random.default_rng(config.seed)
    w = rng.normal(0.0, 0.01, (f, k))
    b = np.zeros(k)
    state = _Adam(w.shape, k)
    for step in range(1, config.epochs + 1):
        z = np.zeros((n, k)) + b
        np.add.at(z, row_a, w[col_a] * val_a[:, None])
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) * sample_w[:, None]
        entry = g[row_a] * val_a[:, None]
        gw = config.l2 * w
        gw[present] += np.add.reduceat(entry[order], starts, axis=0)
        w, b = state.step(w, b, gw, g.sum(axis=0), config.learning_rate, step)
    return LinearModel(labels=labels, index=index, weights=w.astype(np.float32), bias=b.astype(np.float32))


class _Adam:
    def __init__(self, shape: tuple[int, int], k: int) -> None:
        self.mw: NDArray[np.float64] = np.zeros(shape)
        self.vw: NDArray[np.float64] = np.zeros(shape)
        self.mb: NDArray[np.float64] = np.zeros(k)
        self.vb: NDArray[np.float64] = np.zeros(k)

    def step(self, w: NDArray[np.float64], b: NDArray[np.float64], gw: NDArray[np.float64],
             gb: NDArray[np.float64], lr: float, t: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        b1, b2, eps = 0.9, 0.999, 1e-8
        self.mw = b1 * self.mw + (1 - b1) * gw
        self.vw = b2 * self.vw + (1 - b2) * gw * gw
        self.mb = b1 * self.mb + (1 - b1) * gb
        self.vb = b2 * self.vb + (1 - b2) * gb * gb
        corr1, corr2 = 1 - b1**t, 1 - b2**t
        w = w - lr * (self.mw / corr1) / (np.sqrt(self.vw / corr2) + eps)
        b = b - lr * (self.mb / corr1) / (np.sqrt(self.vb / corr2) + eps)
        return w, b
