"""The channels a notice goes out by besides the inbox: email (Django's SMTP backend) and SMS (a
backend chosen by `SMS_BACKEND`). A channel that fails raises `ChannelError` with the reason staff
will read, and says whether trying again can help."""

from __future__ import annotations


class ChannelError(Exception):
    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason[:300]
        # Permanent: the address or the message is refused; sending again would be refused again.
        self.permanent = permanent
