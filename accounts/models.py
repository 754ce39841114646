"""Logins that must be given a new password before anything else is done with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordChangeRequired(models.Model):
    """A login whose password was set by the office (a printed slip, a reset): its owner chooses their
    own at the first login, and until then the app shows nothing but the password page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    since = models.DateTimeField(_("设置时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("待修改初始密码")
        verbose_name_plural = _("待修改初始密码")

    def __str__(self) -> str:
        return str(self.user)


class LoginContact(models.Model):
    """How the office reaches the person behind a login that is not a member's (a handling unit's
    clerk): members keep their phone on their own record."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="contact"
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("账号联系电话")
        verbose_name_plural = _("账号联系电话")

    def __str__(self) -> str:
        return f"{self.user} {self.phone}"
