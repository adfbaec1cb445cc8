"""Multinomial logistic regression on fixed vectors (numpy and scipy; no torch): the heads fitted on the
exported encoder's sentence vectors (scripts/train_acled_head.py, scripts/train_topic_head.py)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


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
