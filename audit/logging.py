"""Masking anything shaped like a full SSN or ITIN before it is written anywhere."""

import logging

from common.redaction import contains_tin as contains_full_ssn
from common.redaction import redact as redact_ssn

__all__ = ["RedactSSNFilter", "contains_full_ssn", "redact_ssn"]


class RedactSSNFilter(logging.Filter):
    """Masks the message, and the traceback and stack a record carries.

    An exception's own text (``ValueError: could not store '123-45-6789'``) is formatted
    from ``exc_info`` after the message, so it is formatted and masked here.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_ssn(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_ssn(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_ssn(record.stack_info)
        return True
