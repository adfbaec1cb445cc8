"""Weight averaging of fine-tuned runs (scripts/train_event_encoder.py --average). Needs torch, the
build-time extra (`pip install -e '.[train]'`); skipped where it is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import script


def _save(torch, path: Path, weight: list[float], steps: int, data: str = "d1", init_seed: int = 13,
          holdout: float = 0.0, split_seed: int = 13) -> Path:
    state = {"head.weight": torch.tensor(weight), "head.steps": torch.tensor(steps)}
    torch.save({"seed": 1, "init_seed": init_seed, "data_sha256": data, "holdout": holdout,
                "split_seed": split_seed, "state": state}, path)
    return path


def test_average_is_the_mean_of_float_weights_and_keeps_integer_buffers(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    encoder_script = script("train_event_encoder")
    a = _save(torch, tmp_path / "a.pt", [1.0, 2.0], 7)
    b = _save(torch, tmp_path / "b.pt", [3.0, 6.0], 7)
    c = _save(torch, tmp_path / "c.pt", [2.0, 1.0], 7)
    mean, seeds = encoder_script.average_weights([a, b, c], "d1", (0.0, 13), torch)
    assert seeds == [1, 1, 1]
    assert mean["head.weight"].tolist() == pytest.approx([2.0, 3.0])
    assert mean["head.steps"].dtype == torch.int64 and int(mean["head.steps"]) == 7


def test_average_refuses_runs_of_other_data_or_other_initial_heads(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    encoder_script = script("train_event_encoder")
    a = _save(torch, tmp_path / "a.pt", [1.0], 0)
    with pytest.raises(SystemExit, match="other data"):
        encoder_script.average_weights([a], "d2", (0.0, 13), torch)
    b = _save(torch, tmp_path / "b.pt", [1.0], 0, init_seed=14)
    with pytest.raises(SystemExit, match="init_seed"):
        encoder_script.average_weights([a, b], "d1", (0.0, 13), torch)


def test_average_refuses_runs_that_held_out_other_documents(tmp_path: Path) -> None:
    """An average of runs that held out different documents has trained on all of them: its held-out
    figures would be false, so the split must be the same in every run and in the averaging command."""
    torch = pytest.importorskip("torch")
    encoder_script = script("train_event_encoder")
    a = _save(torch, tmp_path / "a.pt", [1.0], 0, holdout=0.2, split_seed=13)
    b = _save(torch, tmp_path / "b.pt", [3.0], 0, holdout=0.2, split_seed=14)
    with pytest.raises(SystemExit, match="held out other documents"):
        encoder_script.average_weights([a, b], "d1", (0.2, 13), torch)
    with pytest.raises(SystemExit, match="held out other documents"):
        encoder_script.average_weights([a], "d1", (0.0, 13), torch)  # a held-out run averaged as if trained on all
    c = _save(torch, tmp_path / "c.pt", [3.0], 0, holdout=0.2, split_seed=13)
    assert encoder_script.average_weights([a, c], "d1", (0.2, 13), torch)[0]["head.weight"].tolist() == [2.0]
    # runs that hold nothing out share every document whatever their split seed
    d = _save(torch, tmp_path / "d.pt", [1.0], 0, split_seed=14)
    e = _save(torch, tmp_path / "e.pt", [3.0], 0, split_seed=13)
    assert encoder_script.average_weights([d, e], "d1", (0.0, 13), torch)[0]["head.weight"].tolist() == [2.0]
    old = tmp_path / "old.pt"
    torch.save({"seed": 1, "init_seed": 13, "data_sha256": "d1", "state": {"head.weight": torch.tensor([1.0])}}, old)
    with pytest.raises(SystemExit, match="saved before --split-seed"):
        encoder_script.average_weights([old], "d1", (0.0, 13), torch)
