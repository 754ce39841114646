"""Password rules whose messages Django's own catalogue leaves in English."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule, with its refusal said in the interface language (its Chinese catalogue lacks it)."""

    def get_error_message(self) -> str:
        return ngettext(
            "密码太短，至少需要 %(min_length)d 个字符。",
            "密码太短，至少需要 %(min_length)d 个字符。",
            self.min_length,
        ) % {"min_length": self.min_length}


class InitialPasswordHasher(PBKDF2PasswordHasher):
    """For the random initial passwords printed on account slips, replaced at the first login.

    Ten random characters from 55 are ~58 bits, so fewer rounds keep them as safe as a chosen
    password under the full count, and 250 of them hash within one request. When the owner logs in
    Django rehashes with the first (full-strength) hasher; then the owner chooses a new password.
    """

    algorithm = "pbkdf2_sha256_initial"
    iterations = 20_000
