"""The `harbor` family of synthetic IRS notices (WeasyPrint). See scripts/corpora/README.md."""

from .build import DEFAULT_SEED, FAMILY, generate, main, plan

__all__ = ["DEFAULT_SEED", "FAMILY", "generate", "main", "plan"]
