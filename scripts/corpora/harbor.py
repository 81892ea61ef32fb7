"""Entry point of the `harbor` corpus family: born-digital notices rendered with WeasyPrint
from HTML/CSS, their scans and phone photos, scam letters, and files that are not notices.

    .venv/bin/python scripts/corpora/harbor.py OUT_DIR [--seed N] [--quick] [--jobs 2]

The code lives in the package next to this file (scripts/corpora/harbor/); importing
`harbor` with scripts/corpora on sys.path gives that package, which exposes `generate` too.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from harbor import main

    sys.exit(main())
else:  # loaded by path (importlib/runpy): expose the package's API
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from harbor import DEFAULT_SEED, FAMILY, generate, main, plan  # noqa: F401
