"""Dates and years a committee's records can plausibly hold, with the reason said in Chinese.

A typo in a year field (99999, 2999, 1900) would otherwise be stored and then break a page, a
rollup or an export far from where it was typed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

# The product's records begin with the committees it serves; nothing it holds is older than this.
FIRST_YEAR = 2000


@deconstructible
class PlausibleYear:
    """A work year: from 2000 up to next year (plans are made a year ahead)."""

    def __call__(self, value: Any) -> None:
        last = timezone.localdate().year + 1
        if value is not None and not FIRST_YEAR <= int(value) <= last:
            raise ValidationError(
                _("年度应在 %(first)s 至 %(last)s 之间，而不是 %(value)s。")
                % {"first": FIRST_YEAR, "last": last, "value": value},
                code="year_range",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlausibleYear)


@deconstructible
class PlausibleDate:
    """A date between `earliest` and `future_years` years from today (0: not after today)."""

    def __init__(self, earliest: dt.date = dt.date(FIRST_YEAR, 1, 1), future_years: int = 2) -> None:
        self.earliest, self.future_years = earliest, future_years

    def __call__(self, value: Any) -> None:
        if value is None:
            return
        today = timezone.localdate()
        latest = today.replace(year=today.year + self.future_years) if self.future_years else today
        if value < self.earliest:
            raise ValidationError(
                _("日期 %(value)s 早于 %(earliest)s，请检查是否填错。")
                % {"value": value, "earliest": self.earliest},
                code="date_too_early",
            )
        if value > latest:
            message = (
                _("日期 %(value)s 不能晚于今天。")
                if not self.future_years
                else _("日期 %(value)s 太远了，请检查是否填错。")
            )
            raise ValidationError(message % {"value": value}, code="date_too_late")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlausibleDate) and (self.earliest, self.future_years) == (
            other.earliest,
            other.future_years,
        )


plausible_year = PlausibleYear()
work_date = PlausibleDate()
past_work_date = PlausibleDate(future_years=0)
birth_date = PlausibleDate(earliest=dt.date(1900, 1, 1), future_years=0)


def check_date_order(record: Any, fields: list[str]) -> None:
    """Each dated step of a record comes on or after the one before it (提交 → 审查 → 交办 → 答复)."""
    previous = None
    for name in fields:
        value = getattr(record, name)
        if value is None:
            continue
        if previous is not None and value < getattr(record, previous):
            earlier = record._meta.get_field(previous).verbose_name
            later = record._meta.get_field(name).verbose_name
            raise ValidationError(
                {
                    name: _("%(later)s不能早于%(earlier)s（%(day)s）。")
                    % {"later": later, "earlier": earlier, "day": getattr(record, previous)}
                },
                code="date_order",
            )
        previous = name
