from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, DateInput

from ..kinds import SELF_REPORTED, ActivityKind


class _Plain(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class SelfReportForm(CleanTextMixin, _Plain):
    kind = forms.ChoiceField(
        label=_("类别"), choices=[(k.value, k.label) for k in SELF_REPORTED], widget=forms.RadioSelect
    )
    date = forms.DateField(label=_("日期"), widget=DateInput(), initial=timezone.localdate)
    title = forms.CharField(
        label=_("事项"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("例如：协调解决某小区路灯维修")}),
    )
    description = forms.CharField(
        label=_("具体内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("时间、地点、服务对象、效果")}),
    )


class EntryRecordForm(CleanTextMixin, _Plain):
    kind = forms.ChoiceField(label=_("类别"), choices=ActivityKind.choices, initial=ActivityKind.OTHER_DUTY)
    date = forms.DateField(label=_("日期"), widget=DateInput())
    title = forms.CharField(label=_("事项"), max_length=200)
    description = forms.CharField(
        label=_("具体内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("确认")), ("reject", _("退回"))])
    note = forms.CharField(label=_("审核意见"), max_length=200, required=False)


class DisputeForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(
        label=_("哪里不对"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("例如：当天我请了假，未出席")}),
    )


class ResolveForm(CleanTextMixin, forms.Form):
    resolution = forms.CharField(label=_("处理意见"), max_length=300)
    disable_entry = forms.BooleanField(label=_("该记录不计分"), required=False)
