from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, MembersChoiceField, member_choices
from members.models import Sector, SpecialCommittee

from .models import ALWAYS_IN_APP, Broadcast, Channel, MeetingReply, NoticeKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); each is checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.wps"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class BroadcastForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 8}))
    audience = forms.ChoiceField(
        label=_("发送范围"), choices=Broadcast.Audience.choices, widget=forms.RadioSelect, initial="all"
    )
    committee = forms.ModelChoiceField(
        label=_("专委会"), queryset=SpecialCommittee.objects.all(), required=False
    )
    sector = forms.ModelChoiceField(label=_("界别"), queryset=Sector.objects.all(), required=False)
    members = MembersChoiceField(
        label=_("委员"),
        queryset=member_choices(),
        required=False,
        widget=forms.SelectMultiple(
            attrs={
                "data-filterable": "1",
                "size": "10",
                "class": "form-select",
                "data-filter-placeholder": _("输入姓名筛选"),
            }
        ),
    )
    publish_at = forms.DateTimeField(
        label=_("定时发布"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("留空则立即发布。"),
    )
    attachments = MultipleFileField(
        label=_("附件"), required=False, help_text=_("可选多个 PDF、DOCX 或 WPS 文件。")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title",
            "body",
            "audience",
            Row(Column("committee", css_class="col-md-6"), Column("sector", css_class="col-md-6")),
            "members",
            Row(Column("publish_at", css_class="col-md-6"), Column("attachments", css_class="col-md-6")),
        )


class ReplyForm(CleanTextMixin, forms.Form):
    answer = forms.ChoiceField(
        choices=[(MeetingReply.Answer.ATTEND, _("参加")), (MeetingReply.Answer.LEAVE, _("请假"))]
    )
    reason = forms.CharField(label=_("请假事由"), max_length=200, required=False)


class PaperForm(forms.Form):
    upload = forms.FileField(
        label=_("会议材料"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.wps,.jpg,.jpeg,.png"}),
    )


class PreferencesForm(forms.Form):
    """Per kind of notice, the channels wanted; a meeting notice always reaches the inbox."""

    def __init__(self, *args: Any, initial_channels: dict[str, frozenset[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in NoticeKind.choices:
            self.fields[kind] = forms.MultipleChoiceField(
                label=label,
                choices=Channel.choices,
                required=False,
                initial=sorted(initial_channels[kind]),
                widget=forms.CheckboxSelectMultiple,
            )

    def rows(self) -> list[tuple[str, Any, list[tuple[str, Any, bool, bool]]]]:
        """(kind, label, [(channel, its label, checked, locked)]) for the table the page draws."""
        rows = []
        for kind, label in NoticeKind.choices:
            value = set(self[kind].value() or ())
            locked = {Channel.IN_APP} if kind in ALWAYS_IN_APP else set()
            cells = [
                (channel, name, channel in value | locked, channel in locked)
                for channel, name in Channel.choices
            ]
            rows.append((kind, label, cells))
        return rows

    def choices(self) -> dict[str, set[str]]:
        return {kind: set(self.cleaned_data.get(kind) or ()) for kind in NoticeKind.values}
