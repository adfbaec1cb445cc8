"""The install path a new user takes: the lock works under the stock pip of a fresh venv, and CI runs
the README's commands as written (issue 12)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"


def _entries() -> list[tuple[str, list[str]]]:
    """(requirement line, its --hash options) for every entry of the lock."""
    out: list[tuple[str, list[str]]] = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith(" "):
            out[-1][1].extend(re.findall(r"--hash=sha256:[0-9a-f]{64}", line))
        else:
            out.append((line.rstrip(" \\"), []))
    return out


def test_every_lock_entry_is_pinned_with_hashes() -> None:
    # pip 23.2 (Python 3.11's venv) stops on any entry without ==, and on any without a hash
    entries = _entries()
    assert len(entries) > 100
    for requirement, hashes in entries:
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+(\[[a-z_\-,]+\])?==[^\s;]+( ; .+)?", requirement), requirement
        assert hashes, f"{requirement} has no hash"


def test_lock_pins_the_extra_that_trafilatura_asks_for() -> None:
    # trafilatura -> justext -> lxml[html_clean]>=4.4.2: stock pip 23.2 needs the extra pinned itself
    entries = dict(_entries())
    assert "lxml[html_clean]==6.1.3" in entries
    assert sorted(entries["lxml[html_clean]==6.1.3"]) == sorted(entries["lxml==6.1.3"])
    assert any(r.startswith("lxml-html-clean==") for r in entries)


def test_html_cleaner_is_a_direct_dependency() -> None:
    # `pip install -e .` without the lock must still give trafilatura its HTML cleaner
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"lxml_html_clean==[0-9.]+"', pyproject)
    import lxml_html_clean  # noqa: F401  (installed, importable)


def test_ci_runs_the_readme_commands_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv && ")]
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "grep '^python3 -m venv .venv && ' README.md" in ci
    assert 'eval "$command"' in ci
    # what CI reads out of the README is exactly the two commands
    found = subprocess.run(["grep", "^python3 -m venv .venv && ", "README.md"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.splitlines()
    assert found == commands


def test_every_extra_a_locked_package_asks_for_is_pinned() -> None:
    # pip 23.2 treats `pkg[extra]>=x` (asked for by a dependency) as a requirement of its own, which
    # --require-hashes refuses unless the lock pins `pkg[extra]==` too (smart-open[http] via weasel, ...)
    import importlib.metadata as md

    from packaging.requirements import Requirement

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    entries = [r.split(" ;")[0] for r, _ in _entries()]
    locked = {norm(r.split("==")[0].split("[")[0]) for r in entries}
    pinned_extras = {(norm(r.split("[")[0]), e.strip()) for r in entries if "[" in r
                     for e in r.split("[")[1].split("]")[0].split(",")}
    missing = []
    for dist in md.distributions():
        if norm(dist.metadata["Name"]) not in locked:
            continue
        for line in dist.requires or []:
            req = Requirement(line)
            if not req.extras or (req.marker is not None and not req.marker.evaluate({"extra": ""})):
                continue
            missing += [f"{req} (from {dist.metadata['Name']})" for e in req.extras
                        if (norm(req.name), e) not in pinned_extras and norm(req.name) in locked]
    assert not missing
