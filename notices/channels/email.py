"""Email through Django's mail backend (SMTP when `EMAIL_HOST` is set): HTML and plain text, a
Chinese subject, a link back to the notice. One connection serves a whole batch."""

from __future__ import annotations

import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ..models import Notice
from . import ChannelError

# Refusals of this address or this message; anything else (a dropped connection, a timeout, a
# server that is down) may pass on the next try.
_PERMANENT = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def subject(notice: Notice) -> str:
    return _("【政协履职管理】%(title)s") % {"title": notice.title}


def message(notice: Notice, *, name: str, address: str, connection: Any) -> EmailMultiAlternatives:
    context = {
        "notice": notice,
        "name": name,
        "link": settings.SITE_URL.rstrip("/") + notice.get_absolute_url(),
    }
    mail = EmailMultiAlternatives(
        subject=subject(notice),
        body=render_to_string("notices/email.txt", context),
        to=[address],
        connection=connection,
    )
    mail.attach_alternative(render_to_string("notices/email.html", context), "text/html")
    return mail


class Mailer:
    """Opens the connection on the first message, so a batch without email never connects."""

    def __init__(self) -> None:
        self.connection: Any = None

    def send(self, notice: Notice, *, name: str, address: str) -> None:
        if not address:
            raise ChannelError(_("没有邮箱地址。"), permanent=True)
        try:
            if self.connection is None:
                self.connection = get_connection(fail_silently=False)
                self.connection.open()
            message(notice, name=name, address=address, connection=self.connection).send()
        except _PERMANENT as exc:
            raise ChannelError(_("邮件被拒收：%(error)s") % {"error": exc}, permanent=True) from exc
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise ChannelError(_("邮件服务器无法连接：%(error)s") % {"error": exc}) from exc

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except (smtplib.SMTPException, OSError):
                pass
            self.connection = None
