"""SMS backends: `send(phone, text)`, chosen by settings.SMS_BACKEND.

A real gateway (Aliyun, Tencent Cloud …) gets its own class with the same method; raising means
"try again later" to the sender.
"""

import logging

logger = logging.getLogger(__name__)


def mask_phone(phone: str) -> str:
    """138****1234: enough to tell numbers apart in a log, not enough to call anyone."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 8:
        return "****"
    return f"{digits[:3]}****{digits[-4:]}"


class LogBackend:
    """The embedded default: logs that a text would have gone out — never the number or the text."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %d characters", mask_phone(phone), len(text))
