"""The fine-tuned sentence encoder (`events.learned`): PLOVER type and ACLED sub-event probabilities.

Reads plain sentences; returns, per sentence, a probability for each of the
16 PLOVER types and NONE, and for each ACLED sub-event type and "none"; and,
for each trigger asked about (a character span of the sentence), a probability
for each type and NONE that the word there reports an event of that type (the
trigger head: the sentence's mean vector and the trigger's word pieces' mean,
through one linear layer applied here with numpy). The
model is all-MiniLM-L6-v2 fine-tuned on the labelled corpus in training/
(scripts/train_event_encoder.py), exported to int8 ONNX and run by
onnxruntime on the CPU: no torch at run time, nothing downloaded. It is loaded
once per process, lazily, with one intra-op thread (workers parallelise).
Sentences are scored one at a time (`BATCH`), so a sentence's scores do not depend
on the sentences beside it and no time goes on padding.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from tokenizers import Encoding

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "learned" / "encoder"
# One text per call. The int8 model quantises its activations with one scale per call, so a sentence scored in
# a batch came out a little different by its neighbours (dev entertainment 0.325 or 0.375 events per article
# by batching alone); and on one CPU thread batches saved nothing once padding was gone: scoring the sample's
# sentences took 3.2 s in batches of 32 (sorted by characters, 69% of the pieces padding), 2.03 s in batches of
# equal word-piece counts and 2.03-2.06 s one by one (docs/MEASUREMENTS.md "Speed").
BATCH = 1
# within a batch (BATCH > 1), the longest text's word pieces over the shortest's: padding costs as much as text
PAD_SLACK = 0


@dataclass(frozen=True)
class Scores:
    """One sentence's probabilities."""

    plover: dict[str, float]
    acled: dict[str, float]
    # per trigger asked about, in the order asked: type (and NONE) probabilities of the word there
    triggers: tuple[dict[str, float], ...] = ()

    @property
    def event(self) -> float:
        """Probability that the sentence reports at least one PLOVER event."""
        return 1.0 - self.plover["NONE"]

    def best_type(self) -> tuple[str, float]:
        """The most probable event type and its probability (NONE excluded)."""
        label = max((k for k in self.plover if k != "NONE"), key=self.plover.__getitem__)
        return label, self.plover[label]

    def best_acled(self) -> tuple[str, float]:
        label = max(self.acled, key=self.acled.__getitem__)
        return label, self.acled[label]


class Encoder:
    """The ONNX session, its tokenizer and label names."""

    def __init__(self, directory: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        self.plover_labels: tuple[str, ...] = tuple(meta["plover_labels"])
        self.acled_labels: tuple[str, ...] = tuple(meta["acled_labels"])
        self.max_tokens = int(meta["max_tokens"])
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_tokens)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # int8 products summed in int16 on CPUs without AVX-512 VNNI saturate, so the same model scored
        # differently by CPU (dev entertainment 0.475 events per article on an AVX2-only machine, 0.375
        # with VNNI). Promoting to int16 first gives every CPU the exact sums; it cost no measurable time.
        options.add_session_config_entry("session.x64quantprecision", "1")
        model = (directory / "encoder.onnx").read_bytes()
        self.session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        head = directory / "trigger_head.npz"
        self.trigger_head: tuple[NDArray[np.float32], NDArray[np.float32]] | None = None
        if head.exists():
            with np.load(head) as weights:
                self.trigger_head = (weights["weight"].T.copy(), weights["bias"].copy())
        # heads fitted on the sentence vectors: ACLED sub-event types (scripts/train_acled_head.py), in place
        # of the network's own ACLED output where it exists, and the article's topic
        # (scripts/train_topic_head.py)
        acled = _fitted_head(directory / "acled_head.npz", model, "train_acled_head.py")
        if acled is not None and acled[2] != self.acled_labels:
            raise ValueError(f"{directory / 'acled_head.npz'}: its labels differ from {directory / 'meta.json'}'s; "
                             "refit it with scripts/train_acled_head.py")
        self.acled_head = acled[:2] if acled is not None else None
        self.topic_head = _fitted_head(directory / "topic_head.npz", model, "train_topic_head.py")
        # which candidate events to keep (scripts/train_keep_head.py; chronicle.events.learned.KEEP_MIN)
        keep = _fitted_head(directory / "keep_head.npz", model, "train_keep_head.py")
        self.keep_head = keep[:2] if keep is not None else None

    def _run(self, encodings: Sequence[Encoding], spans: Sequence[Sequence[tuple[int, int]]]
             ) -> tuple[NDArray[np.float32], NDArray[np.float32], list[NDArray[np.float32]]]:
        asked = self.trigger_head is not None and any(spans)
        names = ["plover", "acled", "hidden"] if asked or self.acled_head is not None else ["plover", "acled"]
        outputs = self.session.run(names, _padded(encodings))
        triggers = [np.zeros((0, len(self.plover_labels)), dtype=np.float32) for _ in encodings]
        means = (np.stack([outputs[2][i, :len(e.ids)].mean(0) for i, e in enumerate(encodings)])
                 if len(outputs) > 2 else None)
        acled = outputs[1]
        if self.acled_head is not None and means is not None:
            acled = means @ self.acled_head[0] + self.acled_head[1]
        if asked and self.trigger_head is not None and means is not None:
            weight, bias = self.trigger_head
            hidden = outputs[2]
            for i, (e, wanted) in enumerate(zip(encodings, spans, strict=True)):
                if not wanted:
                    continue
                mean = means[i]
                rows = []
                for start, end in wanted:
                    idx = pieces(e.offsets, start, end) or [0]  # a trigger cut off by truncation: the [CLS] piece
                    rows.append(np.concatenate([mean, hidden[i, idx].mean(0)]))
                triggers[i] = _softmax(np.stack(rows) @ weight + bias)
        return _softmax(outputs[0]), _softmax(acled), triggers

    def score(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]] | None = None) -> list[Scores]:
        """Probabilities for every text, in input order; with `spans` (per text, character spans of
        triggers to judge), the trigger head's probabilities for each span too (none without a head)."""
        wanted = spans if spans is not None else [()] * len(texts)
        encodings = self.tokenizer.encode_batch(list(texts))
        out: list[Scores | None] = [None] * len(texts)
        for chunk in batches([len(e.ids) for e in encodings]):
            plover, acled, triggers = self._run([encodings[i] for i in chunk], [wanted[i] for i in chunk])
            for row, i in enumerate(chunk):
                out[i] = Scores(dict(zip(self.plover_labels, map(float, plover[row]), strict=True)),
                                dict(zip(self.acled_labels, map(float, acled[row]), strict=True)),
                                tuple(dict(zip(self.plover_labels, map(float, t), strict=True))
                                      for t in triggers[row]))
        return [s for s in out if s is not None]

    def topic(self, texts: Sequence[str]) -> dict[str, float] | None:
        """The probability of each topic (political, sport, entertainment ...) of an article whose lead
        is `texts` (title and first sentences), from the mean of their sentence vectors; None without a
        topic head or texts."""
        if self.topic_head is None or not texts:
            return None
        weight, bias, labels = self.topic_head
        z = self.lead_vector(texts)[None, :] @ weight + bias
        return dict(zip(labels, map(float, _softmax(z)[0]), strict=True))

    def lead_vector(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """What the topic head reads: the mean of the lead's sentence vectors."""
        return self.sentence_vectors(texts).mean(0)

    def sentence_vectors(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Each text's mean word-piece vector (what the sentence heads read), one row per text in order."""
        encodings = self.tokenizer.encode_batch(list(texts))
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for chunk in batches([len(e.ids) for e in encodings]):
            hidden = self.session.run(["hidden"], _padded([encodings[i] for i in chunk]))[0]
            if not out.size:
                out = np.zeros((len(texts), hidden.shape[-1]), dtype=np.float32)
            for row, i in enumerate(chunk):
                out[i] = hidden[row, :len(encodings[i].ids)].mean(0)
        return out


def _fitted_head(path: Path, model: bytes, script: str
                 ) -> tuple[NDArray[np.float32], NDArray[np.float32], tuple[str, ...]] | None:
    """A head fitted on the sentence vectors (weights, bias, labels), or None where there is none; a
    ValueError for one fitted on another encoder.onnx than `model`."""
    if not path.exists():
        return None
    with np.load(path) as weights:
        if "encoder" in weights and str(weights["encoder"]) != fingerprint(model):
            raise ValueError(f"{path} was fitted on another encoder.onnx than the one beside it; refit it with "
                             f"python scripts/{script} --model {path.parent}")
        return (weights["weight"].copy(), weights["bias"].copy(), tuple(str(x) for x in weights["labels"]))


def batches(lengths: Sequence[int]) -> list[list[int]]:
    """Indices of texts of these word-piece lengths in batches to score together: shortest first, at most
    BATCH a batch, a new one wherever the next text is more than PAD_SLACK pieces longer than the batch's
    first (the model pads every text of a batch to its longest)."""
    out: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        if not out or len(out[-1]) == BATCH or lengths[i] > lengths[out[-1][0]] + PAD_SLACK:
            out.append([])
        out[-1].append(i)
    return out


def _padded(encodings: Sequence[Encoding]) -> dict[str, NDArray[np.int64]]:
    """The model's inputs for a batch of encodings: word-piece ids and attention mask, zero-padded."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros((len(encodings), width), dtype=np.int64)
    for i, e in enumerate(encodings):
        ids[i, :len(e.ids)] = e.ids
        mask[i, :len(e.ids)] = 1
    return {"input_ids": ids, "attention_mask": mask}


def pieces(offsets: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    """The word pieces (by index) whose characters overlap [start, end); special tokens have none."""
    return [j for j, (a, b) in enumerate(offsets) if b > a and a < end and start < b]


def _softmax(z: NDArray[np.float32]) -> NDArray[np.float32]:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@cache
def load_encoder() -> Encoder:
    """The shipped encoder, loaded once per process."""
    return Encoder(MODEL_DIR)


def fingerprint(model: bytes) -> str:
    """The sha256 (first 16 hex digits) of an encoder.onnx's bytes: what a head fitted on its vectors
    records, so that a retrained encoder never runs with a stale head."""
    return hashlib.sha256(model).hexdigest()[:16]


def model_fingerprint(directory: Path) -> str:
    """`fingerprint` of a model folder's encoder.onnx."""
    return fingerprint((directory / "encoder.onnx").read_bytes())


def encoder_version() -> str:
    """The shipped model's data hash, and its fitted ACLED and topic heads' if any, for the record's `coder`."""
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    fitted = "".join(f"+{name}-{hashlib.sha256(head.read_bytes()).hexdigest()[:12]}"
                     for name in ("acled", "topic", "keep") if (head := MODEL_DIR / f"{name}_head.npz").exists())
    return f"minilm-l6-int8-{meta['data_sha256']}{fitted}"
