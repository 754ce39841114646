"""Checks for the identifiers a committee office types by hand."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character of a resident identity number's first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper()


def validate_id_number(value: str) -> None:
    # Typos in 身份证号 are common and silently break duplicate detection, so the check digit is verified.
    value = normalize_id_number(value)
    if not _ID_RE.match(value):
        raise ValidationError(_("身份证号应为18位，最后一位可以是数字或X。"), code="id_format")
    if id_check_digit(value[:17]) != value[17]:
        raise ValidationError(_("身份证号校验位不正确，请核对。"), code="id_checksum")


def validate_phone(value: str) -> None:
    if not _PHONE_RE.match((value or "").strip()):
        raise ValidationError(_("手机号应为以1开头的11位数字。"), code="phone_format")


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b]+")


def normalize_name(value: str) -> str:
    """A name as people search for it. Offices pad two-character names with spaces (何　勇华, 王  芳) to
    align columns; a Chinese name has no spaces, so all are removed. Other names keep single spaces."""
    value = (value or "").strip().strip("\u3000")
    if _CJK.search(value):
        return _SPACES.sub("", value)
    return _SPACES.sub(" ", value).strip()
