"""Taxhauz project wiring: settings, URLs, the Celery app and storage aliases."""

from taxhauz.celery import app as celery_app

__all__ = ("celery_app",)
