"""The `quarry` corpus family: synthetic IRS notices drawn with ReportLab (held back from
tuning the reader). Entry point: scripts/corpora/quarry.py."""

from .build import DEFAULT_SEED, generate, main

__all__ = ["DEFAULT_SEED", "generate", "main"]
