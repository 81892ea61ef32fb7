"""Masking anything shaped like a full SSN or ITIN before it is written anywhere."""

import logging
import re

_SSN = re.compile(r"(?<!\d)(\d{3})[- ]?(\d{2})[- ]?(\d{4})(?!\d)")


def redact_ssn(text: str) -> str:
    return _SSN.sub(r"XXX-XX-\3", text)


def contains_full_ssn(text: str) -> bool:
    return _SSN.search(text) is not None


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
