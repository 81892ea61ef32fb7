"""Django's error report (e-mail text and HTML, the debug page) with full SSNs masked.

The report prints POST data, frame locals and the exception text; only
``sensitive_post_parameters`` are hidden by Django itself. Wired by
``DEFAULT_EXCEPTION_REPORTER`` in settings; log records are masked by
``audit.logging.RedactSSNFilter``.
"""

from django.views.debug import ExceptionReporter

from common.redaction import redact


class RedactingExceptionReporter(ExceptionReporter):
    def get_traceback_text(self) -> str:
        return redact(super().get_traceback_text())

    def get_traceback_html(self) -> str:
        return redact(super().get_traceback_html())
