"""What every form of the project shares."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core import signing
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# Tab, line feed and carriage return are text; every other control character is a paste accident
# (or an attack) that would only ever reach a printout or a spreadsheet as garbage.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _refuse_control_characters(value: Any) -> None:
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(_("请删除其中的不可见控制字符。"), code="control")


class CleanTextMixin:
    """Refuse control characters in every text field, with a message at the field.

    Django's own check for NUL bytes answers in words of its own; it is taken off so that a NUL,
    like every other control character, gets this project's message. The check runs as each text
    field's validator, so a field's own clean_<name>() (which may look the value up in the database,
    and PostgreSQL refuses a NUL in a query) never sees such a value.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]
            if isinstance(field, forms.CharField):
                field.validators.append(_refuse_control_characters)

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


class VersionedFormMixin:
    """An edit form that remembers what the record looked like when the clerk opened it.

    A hidden field carries a signed snapshot of the record's form fields; on a valid POST the
    snapshot goes onto the instance, where `cppcc.records.save_record` compares it with the row and
    refuses a save over someone else's newer change. After a refusal, `reopen` points the form at the
    record as it is now, so that saving again is a deliberate choice, and what was typed stays.
    """

    SALT = "cppcc.opened"
    fields: dict[str, forms.Field]
    instance: Any
    data: Any
    add_prefix: Any
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk is not None:
            self.fields["opened"].initial = signing.dumps(self._snapshot(self.instance), salt=self.SALT)

    def _versioned_fields(self) -> list[str]:
        model_fields = {f.name for f in self.instance._meta.get_fields()}
        return [name for name in self.fields if name in model_fields]

    def _snapshot(self, instance: Any) -> dict[str, tuple[str, str]]:
        from .records import snapshot

        return snapshot(instance, self._versioned_fields())

    def clean(self) -> Any:
        data = super().clean()  # type: ignore[misc]
        token = data.pop("opened", "") if isinstance(data, dict) else ""
        if self.instance.pk is not None and token:
            try:
                opened = signing.loads(token, salt=self.SALT)
            except signing.BadSignature:
                raise forms.ValidationError(_("页面已过期，请刷新后重新填写。"), code="expired") from None
            self.instance._opened = {name: tuple(value) for name, value in opened.items()}
        return data

    def reopen(self, changes: list[Any]) -> None:
        """After a refused save, start again from the record as it is now: a field someone else
        changed that this clerk left alone takes their value; a field both changed keeps the clerk's.
        The next save compares with the record as it is now."""
        from .records import fingerprint

        current = type(self.instance)._default_manager.get(pk=self.instance.pk)
        opened = getattr(self.instance, "_opened", None) or {}
        now = forms.models.model_to_dict(current, fields=[c.field for c in changes])
        self.data = self.data.copy()
        for change in changes:
            mine = fingerprint(self.cleaned_data.get(change.field))
            change.also_mine = mine != opened.get(change.field, ("",))[0]
            if not change.also_mine:
                self._put(change.field, now.get(change.field))
        self.data[self.add_prefix("opened")] = signing.dumps(self._snapshot(current), salt=self.SALT)

    def _put(self, name: str, value: Any) -> None:
        key = self.add_prefix(name)
        if isinstance(value, list | tuple):
            self.data.setlist(key, [str(getattr(v, "pk", v)) for v in value])
        elif value is None or value is False:
            self.data.pop(key, None)
        else:
            self.data[key] = "on" if value is True else str(getattr(value, "pk", value))


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """Attributes as django/forms/widgets/attrs.html writes them: in order, True as a bare name."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class QuickSelect(forms.Select):
    """A select drawn in Python rather than through Django's widget templates, with the same HTML.

    The templates render every option as an include of its own: a list's filter bar (ten selects,
    a few hundred options) took a third of the register page's time that way.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((option["value"], _attrs(option["attrs"]), option["label"]) for option in options),
            )
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', group, html) if group else html)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            _attrs(widget["attrs"]),
            mark_safe("".join(groups)),
        )
