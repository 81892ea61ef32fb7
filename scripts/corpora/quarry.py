"""Generate the `quarry` notice corpus (ReportLab; the held-back family).

    .venv/bin/python scripts/corpora/quarry.py OUT_DIR [--seed N] [--quick] [--jobs 2]

The code lives in the package scripts/corpora/quarry/; see scripts/corpora/README.md.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
_pkg = importlib.import_module("quarry")
if not hasattr(_pkg, "generate"):  # this file was imported as "quarry" instead of the package
    raise ImportError("import the package scripts/corpora/quarry/, not this script")

generate = _pkg.generate
main = _pkg.main
DEFAULT_SEED = _pkg.DEFAULT_SEED

if __name__ == "__main__":
    sys.exit(main())
