"""Entry point of the `harbor` corpus family: born-digital notices rendered with WeasyPrint
from HTML/CSS, their scans and phone photos, scam letters, and files that are not notices.

    .venv/bin/python scripts/corpora/harbor.py OUT_DIR [--seed N] [--quick] [--jobs 2]

The code lives in the package next to this file (scripts/corpora/harbor/). Loading this file
by path (importlib, runpy) gives `generate`, `plan` and `main`; so does `import harbor` with
scripts/corpora on sys.path (that finds the package itself).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent / "harbor"


def _package():
    """The package, loaded under its own name so this file may be registered as `harbor`."""
    name = "harbor_family"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, _PACKAGE_DIR / "__init__.py", submodule_search_locations=[str(_PACKAGE_DIR)])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_pkg = _package()
DEFAULT_SEED, FAMILY = _pkg.DEFAULT_SEED, _pkg.FAMILY
generate, main, plan = _pkg.generate, _pkg.main, _pkg.plan

if __name__ == "__main__":
    sys.exit(main())
