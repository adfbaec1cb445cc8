"""Memory of one `--workers` process, and the gazetteer's share of it.

    .venv/bin/python bench/bench_worker_memory.py [--articles 64] [--out FILE]

Two fresh child processes:

- `gazetteer`: imports the pipeline, reads its RSS, then makes every gazetteer table ready (a
  few lookups of each kind) and reads it again: the difference is what the gazetteer adds to
  each process;
- `worker`: what one worker of `chronicle extract --workers N` does: the pool initializer
  (`warm_up`: every model and table loaded), then one chunk of `--articles` articles of the
  BBC politics corpus (or the bundled Wikinews sample). Reports RSS after warm-up, at the end,
  and the process's peak RSS (`ru_maxrss`).

Linux only (reads /proc/self/status).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "bbc_politics.jsonl"
SAMPLE = ROOT / "chronicle" / "sample" / "wikinews.jsonl"

CHILD = r"""
import json, resource, sys
def rss():
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmRSS")) / 1024
mode, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = {"mode": mode}
if mode == "gazetteer":
    import chronicle.pipeline  # noqa: F401  (everything imported, nothing loaded)
    out["rss_before_mb"] = rss()
    from chronicle.dictionaries import gazetteer as gz
    for name in ("Paris", "Springfield", "Hamilton", "Bamako", "Kent", "Georgia"):
        gz.city_candidates(name); gz.admin1_candidates(name); gz.admin2_candidates(name)
        gz.region_candidate(name); gz.landmark(name); gz.abbreviation(name)
    out["rss_after_mb"] = rss()
    out["gazetteer_mb"] = out["rss_after_mb"] - out["rss_before_mb"]
else:
    from chronicle.parallel import _annotate_chunk, _init_worker
    from chronicle.records import Article
    _init_worker()
    out["rss_after_warmup_mb"] = rss()
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()][:n]
    _annotate_chunk([Article(id=str(i), input_id=str(i), text=r["text"], published=r.get("published"))
                     for i, r in enumerate(rows)])
    out["rss_end_mb"] = rss()
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT " + json.dumps(out))
"""


def run_child(mode: str, path: Path, n: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(path), str(n)], check=True, capture_output=True,
                          text=True, cwd=ROOT)
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    result: dict[str, float] = json.loads(line.removeprefix("RESULT "))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results_worker_memory.json"))
    args = parser.parse_args()
    source = CORPUS if CORPUS.exists() else SAMPLE
    report = {"corpus": source.name, "articles": args.articles,
              "gazetteer": run_child("gazetteer", source, 0), "worker": run_child("worker", source, args.articles)}
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
