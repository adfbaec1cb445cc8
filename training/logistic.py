"""Multinomial logistic regression on fixed vectors (numpy and scipy; no torch): the heads fitted on the
exported encoder's sentence vectors (scripts/train_acled_head.py, scripts/train_topic_head.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent


def fit(x: NDArray[np.float32], y: NDArray[np.int64], k: int, c: float) -> tuple[NDArray[np.float32],
                                                                                  NDArray[np.float32]]:
    """Weights (features x classes) and bias of an L2 multinomial logistic regression with inverse
    strength `c`, classes weighted by the inverse square root of their frequency, fitted with L-BFGS."""
    from scipy.optimize import minimize

    counts = np.bincount(y, minlength=k).astype(np.float64)
    sample = (1.0 / np.sqrt(np.maximum(counts, 1)))[y]
    sample *= len(y) / sample.sum()
    onehot = np.eye(k)[y]
    xd = x.astype(np.float64)
    d = x.shape[1]

    def loss(theta: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        w, b = theta[:d * k].reshape(d, k), theta[d * k:]
        z = xd @ w + b
        z -= z.max(1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(1, keepdims=True))
        nll = -(sample * (onehot * logp).sum(1)).sum() / len(y)
        g = (np.exp(logp) - onehot) * sample[:, None] / len(y)
        reg = 0.5 / (c * len(y))
        return nll + reg * (w * w).sum(), np.concatenate([(xd.T @ g + 2 * reg * w).ravel(), g.sum(0)])

    res = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return res.x[:d * k].reshape(d, k).astype(np.float32), res.x[d * k:].astype(np.float32)


def head_options(parser: argparse.ArgumentParser, c: float, cs_help: str) -> None:
    """The options every head-fitting script takes: the model folder, the held-out split, C and the Cs
    to compare."""
    parser.add_argument("--model", type=Path, default=ROOT / "chronicle" / "data" / "learned" / "encoder")
    parser.add_argument("--holdout", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--c", type=float, default=c)
    parser.add_argument("--cs", default="0.1,0.3,1,3,10", help=cs_help)


def save_head(path: Path, weight: NDArray[np.float32], bias: NDArray[np.float32], labels: tuple[str, ...]) -> None:
    """Write a fitted head beside its encoder, with that encoder.onnx's fingerprint: the file
    `chronicle.learned.encoder` reads, and refuses once the encoder is retrained."""
    from chronicle.learned.encoder import model_fingerprint

    np.savez(path, weight=weight, bias=bias, labels=np.array(labels), encoder=np.array(model_fingerprint(path.parent)))
