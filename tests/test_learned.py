"""The learned event-type stage: model loading, score shape, obvious sentences, training smoke test."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from chronicle.learned import EVENT_TYPES, LABELS, MODEL_NAME, event_type_scores, load_event_model
from chronicle.learned.features import sentence_features
from chronicle.learned.model import load_model
from chronicle.learned.train import Example, TrainConfig, fit

ROOT = Path(__file__).resolve().parent.parent


def test_model_loads_with_all_labels() -> None:
    model = load_event_model()
    assert set(model.labels) == set(LABELS)
    assert len(EVENT_TYPES) == 16 and "NONE" in LABELS
    assert MODEL_NAME.startswith("learned.") and len(model.index) > 1000


def test_fit_learns_separable_toy_data(tmp_path: Path) -> None:
    examples = [Example(["w=attack", "w=army"], "ASSAULT"), Example(["w=meet", "w=envoy"], "CONSULT"),
                Example(["w=rain", "w=weather"], "NONE")] * 3
    model = fit(examples, ("ASSAULT", "CONSULT", "NONE"), TrainConfig(epochs=100))
    probs = model.probabilities(["w=attack"])
    assert model.labels[int(probs.argmax())] == "ASSAULT"
    model.save(tmp_path / "m.npz", {"model": "toy"})
    again = load_model(tmp_path / "m.npz")
    assert again.labels == model.labels
    assert math.isclose(float(again.probabilities(["w=meet"]).max()), float(model.probabilities(["w=meet"]).max()),
                        rel_tol=1e-2)


def test_blank_sentence_features_without_parse(blank_nlp: Language) -> None:
    doc = blank_nlp("Rebels attacked the town.")
    feats = sentence_features(doc[:])
    assert "w=rebels" in feats and "b=rebels|attacked" in feats


@pytest.mark.model
def test_scores_are_a_distribution(nlp: Language) -> None:
    doc = nlp("The minister said the talks had been useful.")
    scores = event_type_scores(doc[:])
    assert set(scores) == set(LABELS)
    assert math.isclose(sum(scores.values()), 1.0, abs_tol=1e-6)
    assert all(0.0 <= p <= 1.0 for p in scores.values())


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen ambushed a police patrol near the village and killed four officers.", "ASSAULT"),
    ("Thousands of nurses marched through the city centre demanding higher wages.", "PROTEST"),
    ("The Norwegian foreign minister met his Chilean counterpart in Santiago on Monday.", "CONSULT"),
    ("The opposition accused the president of rigging the vote.", "ACCUSE"),
    ("Lithuania expelled two Belarusian diplomats and recalled its ambassador from Minsk.", "SANCTION"),
    ("Police in Lagos detained twelve activists and charged them with sedition.", "COERCE"),
    ("The council rejected the mining company's proposal to expand the quarry.", "REJECT"),
    ("The separatist commander threatened to shell the airport if the talks failed.", "THREATEN"),
    ("Canada sent 40 tonnes of medical supplies to the hurricane-hit islands.", "AID"),
    ("The insurgents freed the three kidnapped teachers on Sunday.", "RETREAT"),
    ("The central bank kept its main interest rate at 3 percent.", "NONE"),
])
def test_obvious_sentences(nlp: Language, text: str, expected: str) -> None:
    scores = event_type_scores(nlp(text)[:])
    assert max(scores, key=scores.__getitem__) == expected, sorted(scores.items(), key=lambda kv: -kv[1])[:3]


@pytest.mark.model
def test_training_script_runs_on_a_subset(tmp_path: Path) -> None:
    data = tmp_path / "events.jsonl"
    rows = [{"text": "Rebels attacked an army base.", "type": "ASSAULT", "source": "written"},
            {"text": "The envoy met the prime minister.", "type": "CONSULT", "source": "written"},
            {"text": "It rained all day in the capital.", "type": "NONE", "source": "written"}]
    shipped = (ROOT / "training" / "events.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    data.write_text("\n".join([*(json.dumps(r) for r in rows), *shipped]) + "\n", encoding="utf-8")
    out = tmp_path / "model.npz"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "train_event_classifier.py"), "--data", str(data),
                    "--out", str(out), "--epochs", "20"], check=True, capture_output=True)
    model = load_model(out)
    assert set(model.labels) == set(LABELS)
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["rows"] == 33


def test_training_data_is_well_formed() -> None:
    rows = [json.loads(line) for line in (ROOT / "training" / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["type"] for r in rows} == set(LABELS)
    written = [r for r in rows if r["source"] == "written"]
    for label in LABELS:
        assert sum(r["type"] == label for r in written) >= 40, label
