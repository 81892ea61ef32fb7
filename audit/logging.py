"""A logging filter that masks anything shaped like a full SSN or ITIN before it is written."""

import logging
import re

_SSN = re.compile(r"(?<!\d)(\d{3})[- ]?(\d{2})[- ]?(\d{4})(?!\d)")


def redact_ssn(text: str) -> str:
    return _SSN.sub(r"XXX-XX-\3", text)


class RedactSSNFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_ssn(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
