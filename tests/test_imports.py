"""The package's imports follow the stage order (docs/ARCHITECTURE.md): no module imports a later
layer, and the import graph, imports inside functions included, has no cycle. An import inside a
function is allowed (the CLI loads heavy stages lazily) but cannot hide a cycle or a backward edge."""

from __future__ import annotations

import ast
from pathlib import Path

from chronicle.registry import LAYERS, layer_of

PACKAGE = Path(__file__).resolve().parent.parent / "chronicle"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every chronicle module `path` imports, wherever the import statement stands."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("chronicle"))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("chronicle"):
            module = node.module or ""
            # `from chronicle.geo import resolve` imports the submodule, not just the package
            out.update(f"{module}.{a.name}" if (PACKAGE.parent / module.replace(".", "/") / f"{a.name}.py").exists()
                       else module for a in node.names)
    return out


def graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_layer() -> None:
    missing = [m for m in graph() if layer_of(m) is None]
    assert not missing, f"modules with no layer in chronicle.registry.LAYERS: {missing}"


def test_no_import_runs_against_the_stage_order() -> None:
    backward = [f"{m} ({LAYERS[layer_of(m) or 0][0]}) imports {i} ({LAYERS[layer_of(i) or 0][0]})"
                for m, imports in graph().items() for i in sorted(imports)
                if (layer_of(i) or 0) > (layer_of(m) or 0)]
    assert not backward, "imports against the stage order:\n" + "\n".join(backward)


def test_no_import_cycle() -> None:
    g = graph()
    # a package's __init__ may re-export its own modules; an edge into a package is an edge to its __init__
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for i in sorted(g.get(m, ())):
            if i not in g or i == m:
                continue
            if state.get(i) == 1:
                cycles.append(" -> ".join([*path[path.index(i):], i]) if i in path else f"{m} -> {i}")
            elif i not in state:
                visit(i, [*path, i])
        state[m] = 2

    for m in g:
        if m not in state:
            visit(m, [m])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)
