"""Scale benchmark: throughput (bare spaCy, one process, --workers 2, Ray with 2 CPUs) and peak memory.

    .venv/bin/python bench/bench_scale.py [--articles 2000] [--memory 2000,5000,10000] [--out FILE]
    .venv/bin/python bench/bench_scale.py --modes workers2,ray --repeat 3 --articles 400 --memory ""

Input: ../shared/eval/corpus/bbc_politics.jsonl (or the bundled Wikinews sample when ../shared is
absent) repeated with unique ids into one large JSON Lines file. Every measurement runs in a fresh
child process; peak RSS is the child's own maximum (os.wait4) for single processes, and the sampled
sum over the whole process tree (workers, Ray's raylet and actors) for the parallel runs; `cpu_s` is
the CPU time of that tree (sampled, so processes shorter than the sampling interval are missed).

Ray: its start-up (ray.init, `startup_s`) and the annotators' start-up (worker processes, imports and
model loading, `warmup_s`: from submitting the pipeline until the first annotator is ready) are
reported apart; `articles_per_s` counts the rest of the run, `articles_per_s_with_warmup` the whole
pipeline. The other modes load their models before the clock starts, except `workers2`, whose pool
starts (and loads the models in each worker) inside its timed run.

`--repeat N` runs the modes N times, interleaved (A B A B ...), and reports per-round ratios and
the median of each mode: on a shared machine compare ratios taken in the same round.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "bbc_politics.jsonl"
SAMPLE = ROOT / "chronicle" / "sample" / "wikinews.jsonl"
PY = sys.executable

CHILD = r"""
import json, sys, time, os
mode, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
from chronicle.config import Config
out = {}
if mode == "spacy":
    from chronicle.nlp.model import load_nlp
    texts = [json.loads(l)["text"] for l in open(path, encoding="utf-8")][:n]
    nlp = load_nlp(); list(nlp.pipe(texts[:8]))
    t = time.perf_counter(); docs = 0
    for doc in nlp.pipe(texts, batch_size=Config().batch_size):
        docs += 1
    out["seconds"] = time.perf_counter() - t
    out["articles"] = docs
elif mode in ("single", "workers2"):
    from chronicle.annotate import warm_up
    from chronicle.pipeline import process
    workers = 1 if mode == "single" else 2
    if workers == 1:
        warm_up()
    t = time.perf_counter(); arts = 0
    for item in process([path], Config(), progress=False, workers=workers):
        arts += hasattr(item, "events")
    out["seconds"] = time.perf_counter() - t
    out["articles"] = arts
elif mode == "ray":
    import tempfile
    from chronicle.distributed.ray_engine import run_ray
    shards = tempfile.mkdtemp(prefix="chronicle-shards-")
    run = run_ray([path], Config(), shards, annotators=2)
    out["seconds"] = run.annotate_s
    out["run_s"] = run.run_s
    out["startup_s"] = run.startup_s
    out["warmup_s"] = run.warmup_s
    out["annotated_per_annotator"] = run.annotated
    import pyarrow.parquet as pq
    out["articles"] = sum(pq.read_metadata(s).num_rows for s in run.shards)
    out["articles_per_s_with_warmup"] = out["articles"] / run.run_s
print("RESULT " + json.dumps(out))
"""


def make_input(n: int, path: Path) -> int:
    """The corpus repeated until `n` documents, each with a unique id; returns the word count."""
    source = CORPUS if CORPUS.exists() else SAMPLE
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            row = dict(rows[i % len(rows)])
            row["id"] = f"{row.get('id', 'doc')}-r{i // len(rows)}"
            words += len(row["text"].split())
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return words


def _tree(root: int) -> tuple[int, dict[int, float]]:
    """Sum of RSS (bytes) over `root` and all its descendants, and each one's CPU seconds, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            pid, ppid = int(entry), int(fields[1])
            children.setdefault(ppid, []).append(pid)
            rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            cpu[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        except (OSError, IndexError, ValueError):
            continue
    total, todo, tree_cpu = 0, [root], {}
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        tree_cpu[pid] = cpu.get(pid, 0.0)
        todo.extend(children.get(pid, []))
    return total, tree_cpu


def run_child(mode: str, path: Path, n: int) -> dict[str, float]:
    proc = subprocess.Popen([PY, "-c", CHILD, mode, str(path), str(n)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    peak = [0]
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, seen = _tree(proc.pid)
            peak[0] = max(peak[0], rss)
            cpu.update(seen)
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stdout is not None
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} child failed ({proc.returncode})")
    result = json.loads(next(line for line in stdout.splitlines() if line.startswith("RESULT "))[7:])
    result["own_peak_rss_mb"] = usage.ru_maxrss / 1024  # kB on Linux
    result["tree_peak_rss_mb"] = peak[0] / 2**20
    result["cpu_s"] = sum(cpu.values())
    return result


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _ratios(results: dict[str, dict[str, float]]) -> dict[str, float]:
    """The ratios the issues set bars for, among the modes of `results` (one result per mode)."""
    rates = {mode: r["articles_per_s"] for mode, r in results.items()}
    if "ray" in results:
        rates["ray_with_warmup"] = results["ray"]["articles_per_s_with_warmup"]
    pairs = {"single_vs_spacy": ("single", "spacy"), "workers2_vs_single": ("workers2", "single"),
             "ray_vs_workers2": ("ray", "workers2"), "ray_with_warmup_vs_workers2": ("ray_with_warmup", "workers2")}
    return {name: rates[a] / rates[b] for name, (a, b) in pairs.items() if a in rates and b in rates}


def _line(mode: str, r: dict[str, float]) -> str:
    extra = ""
    if "startup_s" in r:
        extra = (f"  ray start-up {r['startup_s']:.1f} s, annotators' warm-up {r['warmup_s']:.1f} s "
                 f"({r['articles_per_s_with_warmup']:.1f} art/s counting it)")
    return (f"{mode:9s} {r['articles_per_s']:7.1f} art/s {r['words_per_s']:9.0f} words/s  "
            f"peak RSS {r['tree_peak_rss_mb']:6.0f} MB (tree)  CPU {r['cpu_s']:5.0f} s" + extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--memory", default="2000,5000,10000", help="document counts for the memory series")
    parser.add_argument("--modes", default="spacy,single,workers2,ray")
    parser.add_argument("--repeat", type=int, default=1, help="run the modes this many times, interleaved")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results_scale.json"))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="chronicle-bench-"))
    report: dict[str, object] = {"cpus": os.cpu_count(), "corpus": str(CORPUS if CORPUS.exists() else SAMPLE)}

    big = tmp / "throughput.jsonl"
    words = make_input(args.articles, big)
    report["articles"], report["words"] = args.articles, words
    modes = [m for m in args.modes.split(",") if m]
    rounds: list[dict[str, dict[str, float]]] = []
    for _ in range(args.repeat if modes else 0):
        results: dict[str, dict[str, float]] = {}
        rounds.append(results)
        for mode in modes:
            r = run_child(mode, big, args.articles)
            r["articles_per_s"] = r["articles"] / r["seconds"]
            r["words_per_s"] = words / r["seconds"]
            results[mode] = r
            report["rounds"] = rounds
            Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")  # partial results
            print(_line(mode, r), flush=True)
        print(f"round {len(rounds)}: {json.dumps(_ratios(results))}", flush=True)
    if rounds:
        # Each mode's median run (by articles/s), the ratios between those, and the median of the
        # per-round ratios (steadier on a shared machine: the modes of one round saw the same load).
        throughput = {}
        for mode in modes:
            runs = sorted((r[mode] for r in rounds), key=lambda r: r["articles_per_s"])
            throughput[mode] = runs[len(runs) // 2]
        report["throughput"] = throughput
        report["ratios"] = _ratios(throughput)
        per_round = [_ratios(results) for results in rounds]
        report["median_round_ratios"] = {key: _median([r[key] for r in per_round]) for key in per_round[0]}
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print("ratios of the median runs:", json.dumps(report["ratios"]), flush=True)
        print("median ratios per round:  ", json.dumps(report["median_round_ratios"]), flush=True)

    memory = []
    counts = [int(c) for c in args.memory.split(",") if c]
    if counts:
        large = tmp / "large.jsonl"
        make_input(max(counts), large)
        lines = large.read_text(encoding="utf-8").splitlines(keepends=True)
        for n in counts:
            part = tmp / f"first{n}.jsonl"
            part.write_text("".join(lines[:n]), encoding="utf-8")
            r = run_child("single", part, n)
            memory.append({"documents": n, "peak_rss_mb": r["own_peak_rss_mb"], "seconds": r["seconds"]})
            report["memory"] = memory
            Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
            print(f"memory   {n:6d} docs: peak RSS {r['own_peak_rss_mb']:.0f} MB ({r['seconds']:.0f} s)", flush=True)
    report["memory"] = memory
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
