"""Plain helpers shared by several test files (fixtures live in conftest.py, which is not imported).

`TOKEN` is the bearer token of conftest's `client`; `read` runs the real readers on paths. chronicle is
imported only when a helper runs, so that conftest.py (which imports this module) loads without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronicle.config import Config
    from chronicle.records import Document, Failure

TOKEN = "s3cret-token"


def read(*paths: str | Path, config: Config | None = None) -> list[Document | Failure]:
    """Every document and failure the readers make of `paths` (default Config), in order."""
    from chronicle.config import Config
    from chronicle.read import read_inputs

    return list(read_inputs([str(p) for p in paths], config if config is not None else Config()))
