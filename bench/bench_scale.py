"""Scale benchmark: throughput (bare spaCy, one process, --workers 2, Ray with 2 CPUs) and peak memory.

    .venv/bin/python bench/bench_scale.py [--articles 2000] [--memory 2000,5000,10000] [--out FILE]

Input: ../shared/eval/corpus/bbc_politics.jsonl (or the bundled Wikinews sample when ../shared is
absent) repeated with unique ids into one large JSON Lines file. Every measurement runs in a fresh
child process; peak RSS is the child's own maximum (os.wait4) for single processes, and the sampled
sum over the whole process tree (workers, Ray's raylet and actors) for the parallel runs.
Ray's start-up (ray.init) is reported apart from its run time.
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
    from chronicle.pipeline import process, warm_up
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
    out["seconds"] = run.run_s
    out["startup_s"] = run.startup_s
    import pyarrow.parquet as pq
    out["articles"] = sum(pq.read_metadata(s).num_rows for s in run.shards)
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


def _tree_rss(root: int) -> int:
    """Sum of RSS (bytes) over `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            pid, ppid = int(entry), int(fields[1])
            children.setdefault(ppid, []).append(pid)
            rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run_child(mode: str, path: Path, n: int) -> dict[str, float]:
    proc = subprocess.Popen([PY, "-c", CHILD, mode, str(path), str(n)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
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
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--memory", default="2000,5000,10000", help="document counts for the memory series")
    parser.add_argument("--modes", default="spacy,single,workers2,ray")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results_scale.json"))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="chronicle-bench-"))
    report: dict[str, object] = {"cpus": os.cpu_count(), "corpus": str(CORPUS if CORPUS.exists() else SAMPLE)}

    big = tmp / "throughput.jsonl"
    words = make_input(args.articles, big)
    report["articles"], report["words"] = args.articles, words
    throughput: dict[str, dict[str, float]] = {}
    for mode in [m for m in args.modes.split(",") if m]:
        r = run_child(mode, big, args.articles)
        r["articles_per_s"] = r["articles"] / r["seconds"]
        r["words_per_s"] = words / r["seconds"]
        throughput[mode] = r
        report["throughput"] = throughput
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")  # partial results
        print(f"{mode:9s} {r['articles_per_s']:7.1f} art/s {r['words_per_s']:9.0f} words/s  "
              f"peak RSS {r['tree_peak_rss_mb']:6.0f} MB (tree)" +
              (f"  ray start-up {r['startup_s']:.1f} s" if "startup_s" in r else ""), flush=True)
    report["throughput"] = throughput
    if "single" in throughput:
        single = throughput["single"]["articles_per_s"]
        report["ratios"] = {
            "single_vs_spacy": single / throughput["spacy"]["articles_per_s"] if "spacy" in throughput else None,
            "workers2_vs_single": throughput["workers2"]["articles_per_s"] / single
            if "workers2" in throughput else None,
            "ray_vs_workers2": throughput["ray"]["articles_per_s"] / throughput["workers2"]["articles_per_s"]
            if "ray" in throughput and "workers2" in throughput else None,
        }
        print(json.dumps(report["ratios"]), flush=True)

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
