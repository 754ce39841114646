"""What every form of the project shares."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

# Tab, line feed and carriage return are text; every other control character is a paste accident
# (or an attack) that would only ever reach a printout or a spreadsheet as garbage.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CleanTextMixin:
    """Refuse control characters in every text field, with a message at the field."""

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and _CONTROL.search(value):
                self.add_error(name, forms.ValidationError(_("请删除其中的不可见控制字符。"), code="control"))
        return data
