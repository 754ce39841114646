"""Every login, logout and failed login goes to the `cppcc.auth` log (axes also keeps them in the
database). Logging only: no decision is taken here."""

from __future__ import annotations

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("cppcc.auth")


def _ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    logger.info("login %s", user.get_username(), extra={"username": user.get_username(), "ip": _ip(request)})


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    name = user.get_username() if user else "-"
    logger.info("logout %s", name, extra={"username": name, "ip": _ip(request)})


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    name = credentials.get("username", "-")
    logger.warning("failed login %s", name, extra={"username": name, "ip": _ip(request)})
