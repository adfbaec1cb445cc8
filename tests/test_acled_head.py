"""The ACLED head fitted on the encoder's sentence vectors (scripts/train_acled_head.py) and how the
real int8 encoder uses it. Sentences are invented for these tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers import script

from chronicle.learned.encoder import MODEL_DIR, Encoder, model_fingerprint

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "train_acled_head.py"
TEXTS = ["Soldiers fired on villagers near the border.", "Students marched to parliament on Friday."]


def _model_copy(tmp_path: Path) -> Path:
    """The shipped model's files linked into a folder of their own (without any fitted ACLED head)."""
    for name in ("encoder.onnx", "meta.json", "tokenizer.json", "trigger_head.npz"):
        if (MODEL_DIR / name).exists():
            (tmp_path / name).symlink_to(MODEL_DIR / name)
    return tmp_path


def test_fit_learns_a_separable_problem_and_weights_rare_classes():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 8)) * 4
    y = np.array([0] * 200 + [1] * 40 + [2] * 10)
    x = (centres[y] + rng.normal(size=(len(y), 8))).astype(np.float32)
    from training.logistic import fit

    w, b = fit(x, y, 3, c=1.0)
    assert w.shape == (8, 3) and b.shape == (3,)
    pred = (x @ w + b).argmax(1)
    assert (pred == y).mean() > 0.95
    assert (pred[y == 2] == 2).mean() > 0.8  # the class of ten rows is not swallowed by the class of 200


@pytest.mark.model
def test_sentence_vectors_are_what_the_heads_read(tmp_path):
    enc = Encoder(MODEL_DIR)
    vecs = enc.sentence_vectors(TEXTS + TEXTS[:1])
    assert vecs.shape[0] == 3 and vecs.shape[1] > 100
    assert np.allclose(vecs[0], vecs[2], atol=1e-5)  # order and batching do not change a sentence's vector
    assert not np.allclose(vecs[0], vecs[1])


@pytest.mark.model
def test_a_fitted_head_replaces_the_networks_acled_output(tmp_path):
    model = _model_copy(tmp_path)
    plain = Encoder(model)
    labels = plain.acled_labels
    dim = plain.sentence_vectors(TEXTS[:1]).shape[1]
    bias = np.full(len(labels), -5.0, dtype=np.float32)
    bias[labels.index("Grenade")] = 5.0  # a head that always says "Grenade"
    np.savez(model / "acled_head.npz", weight=np.zeros((dim, len(labels)), dtype=np.float32), bias=bias,
             labels=np.array(labels))
    fitted = Encoder(model)
    for before, after in zip(plain.score(TEXTS), fitted.score(TEXTS), strict=True):
        assert after.best_acled()[0] == "Grenade"
        assert after.plover == before.plover  # the PLOVER heads are untouched
        assert abs(sum(after.acled.values()) - 1.0) < 1e-5


@pytest.mark.model
def test_a_head_fitted_for_other_labels_is_refused(tmp_path):
    model = _model_copy(tmp_path)
    labels = Encoder(model).acled_labels
    np.savez(model / "acled_head.npz", weight=np.zeros((4, 2), dtype=np.float32), bias=np.zeros(2, np.float32),
             labels=np.array(labels[:2]))
    with pytest.raises(ValueError, match="refit it"):
        Encoder(model)


def test_held_out_acled_file_is_valid_scorer_input(tmp_path):
    """scripts/eval_acled.py writes our held-out ACLED sentences in score.py's `acled` format."""
    import json

    from chronicle.events.acled import parents

    path = tmp_path / "acled.jsonl"
    n = script("eval_acled").gold_file(0.2, 13, path)
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert n == len(docs) > 300
    assert len({d["id"] for d in docs}) == n
    up = parents()
    for d in docs:
        g = d["gold"]
        assert g["acled_sub_event_type"] in up and g["acled_event_type"] == up[g["acled_sub_event_type"]]
        assert d["text"].strip()
    # the held-out split never trains: none of these sentences is in the training split
    from training.corpus import load_rows, split

    train, _ = split(load_rows(SCRIPT.parents[1] / "training"), 0.2, 13)
    assert not {d["text"] for d in docs} & {r.text for r in train if r.source != "legacy:cameo"}


def test_annotated_precision_judges_only_sentences_with_a_labelled_event():
    score = script("tune_learned").score
    gold = {"d": [("Police arrested ten protesters.", {"COERCE"}, "Arrests"),
                  ("The weather was fine.", set(), None)]}
    pred = {"d": [{"type": "COERCE", "evidence": "Police arrested ten protesters.", "acled": "Arrests"},
                  {"type": "ASSAULT", "evidence": "Police arrested ten protesters.", "acled": None},
                  {"type": "PROTEST", "evidence": "The weather was fine.", "acled": None}]}
    m = score(pred, gold)
    assert m["precision"] == round(1 / 3, 3) and m["p_annotated"] == 0.5 and m["recall"] == 1.0
    assert m["acled_acc"] == 1.0


@pytest.mark.model
def test_a_head_fitted_on_another_encoder_is_refused(tmp_path):
    model = _model_copy(tmp_path)
    labels = Encoder(model).acled_labels
    head = {"weight": np.zeros((384, len(labels)), np.float32), "bias": np.zeros(len(labels), np.float32),
            "labels": np.array(labels)}
    np.savez(model / "acled_head.npz", **head, encoder=np.array("0123456789abcdef"))
    with pytest.raises(ValueError, match=r"another encoder\.onnx"):
        Encoder(model)
    np.savez(model / "acled_head.npz", **head, encoder=np.array(model_fingerprint(model)))
    assert Encoder(model).acled_head is not None


@pytest.mark.model
def test_the_shipped_head_belongs_to_the_shipped_encoder():
    with np.load(MODEL_DIR / "acled_head.npz") as weights:
        assert str(weights["encoder"]) == model_fingerprint(MODEL_DIR)
