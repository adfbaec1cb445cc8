"""Plain helpers shared by several test files (fixtures live in conftest.py, which is not imported).

`TOKEN` is the bearer token of conftest's `client`; `read` runs the real readers on paths. chronicle is
imported only when a helper runs, so that conftest.py (which imports this module) loads without it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronicle.config import Config
    from chronicle.records import Document, Failure

TOKEN = "s3cret-token"
ROOT = Path(__file__).resolve().parents[1]


def script(name: str) -> ModuleType:
    """scripts/<name>.py as a module, imported as Python runs it (its folder and the repository root on
    sys.path, so its imports of training/ and of other scripts resolve) and registered under `name`."""
    for path in (str(ROOT), str(ROOT / "scripts")):
        if path not in sys.path:
            sys.path.insert(0, path)
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def read(*paths: str | Path, config: Config | None = None) -> list[Document | Failure]:
    """Every document and failure the readers make of `paths` (default Config), in order."""
    from chronicle.config import Config
    from chronicle.read import read_inputs

    return list(read_inputs([str(p) for p in paths], config if config is not None else Config()))
