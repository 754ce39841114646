from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, DateInput

from ..kinds import SELF_REPORTED, ActivityKind

# As many photos as a deed needs to be believed, and no more than a reviewer will look at.
MAX_PROOF = 6


class _Plain(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ProofField(forms.FileField):
    """Up to `MAX_PROOF` photos or a PDF, chosen at once (a phone offers its camera and gallery)."""

    widget = MultipleFileInput(attrs={"accept": "image/*,application/pdf", "multiple": True})

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PROOF:
            raise forms.ValidationError(_("最多上传 %(n)s 个文件。") % {"n": MAX_PROOF}, code="too_many")
        return [super(ProofField, self).clean(f, initial) for f in files]


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
    proof = ProofField(
        label=_("照片或证明材料"),
        required=False,
        help_text=_("可拍照或从相册选择，最多 6 张，也可上传一个 PDF；照片的位置等拍摄信息会被去除。"),
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
