"""What every form of the project shares."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# Tab, line feed and carriage return are text; every other control character is a paste accident
# (or an attack) that would only ever reach a printout or a spreadsheet as garbage.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CleanTextMixin:
    """Refuse control characters in every text field, with a message at the field."""

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                self.add_error(name, forms.ValidationError(_("请删除其中的不可见控制字符。"), code="control"))
        return data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.sector.name}）"


class MembersChoiceField(forms.ModelMultipleChoiceField):
    _BIGGEST_ID = 2**63 - 1

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.sector.name}）"

    def _check_values(self, value):
        # Django checks each id alone but then looks all up with `in`, which a number past the
        # database's integer range breaks; such an id simply is not a choice.
        for pk in value:
            if not str(pk).isdigit() or int(pk) > self._BIGGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


def member_choices(include=()):
    """Serving members for a picker, plus anyone already on the record (who may have left since)."""
    from django.db.models import Q

    from members.models import Member

    return Member.objects.filter(Q(status=Member.Status.ACTIVE) | Q(pk__in=list(include))).select_related(
        "sector"
    )
