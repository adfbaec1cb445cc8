"""Where the workplace's shared folder is: `../shared` beside the repository.

Tests that read it (the seed dump, the Wikinews sample) skip when it is absent;
set CHRONICLE_SHARED to another path (e.g. a missing one) to check that.
"""

from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(os.environ.get("CHRONICLE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
