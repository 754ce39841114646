"""The forms of review, assignment, the units' handling and rating (on the proposal's page)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, DateInput

from ..models import HandlingNote, HandlingUnit, Proposal, Reply


class ReviewForm(CleanTextMixin, forms.Form):
    """审查 of a submitted proposal: 立案 (optionally 重点 with its 督办领导), 不予立案, 退回修改."""

    DECISIONS = [
        ("file", _("立案")),
        ("not_file", _("不予立案")),
        ("return", _("退回修改")),
    ]
    decision = forms.ChoiceField(label=_("审查意见"), choices=DECISIONS, widget=forms.RadioSelect)
    on = forms.DateField(label=_("审查日期"), widget=DateInput(), initial=timezone.localdate)
    filed_number = forms.IntegerField(
        label=_("立案号"),
        required=False,
        min_value=1,
        max_value=99999,
        help_text=_("留空则按本届本年度顺序编号。"),
    )
    is_key = forms.BooleanField(label=_("列为重点提案"), required=False)
    supervisor = forms.CharField(label=_("督办领导"), max_length=100, required=False)
    reason = forms.CharField(label=_("不予立案理由"), max_length=200, required=False)
    conversion = forms.ChoiceField(
        label=_("转办方式"), required=False, choices=[("", _("不转")), *Proposal.Conversion.choices]
    )
    note = forms.CharField(
        label=_("退回修改意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class MergeForm(CleanTextMixin, forms.Form):
    """并案: other submitted proposals of the year go into this one."""

    others = forms.ModelMultipleChoiceField(
        label=_("并入本案的提案"),
        queryset=Proposal.objects.none(),
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": "6"}),
    )
    on = forms.DateField(label=_("并案日期"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["others"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            Proposal.objects.filter(year=proposal.year, status=Proposal.Status.SUBMITTED)
            .exclude(pk=proposal.pk)
            .order_by("number")
        )


class SuperviseForm(CleanTextMixin, forms.Form):
    is_key = forms.BooleanField(label=_("重点提案"), required=False)
    supervisor = forms.CharField(label=_("督办领导"), max_length=100, required=False)
    supervision_note = forms.CharField(
        label=_("督办情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class AssignForm(CleanTextMixin, forms.Form):
    """交办: one 主办 with any 会办, or several 分办 units."""

    lead_unit = forms.ModelChoiceField(
        label=_("主办单位"),
        queryset=HandlingUnit.objects.none(),
        required=False,
        empty_label=_("（分办时不选）"),
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("会办单位"),
        queryset=HandlingUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": "5"}),
    )
    split_units = forms.ModelMultipleChoiceField(
        label=_("分办单位"),
        queryset=HandlingUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": "5"}),
    )
    on = forms.DateField(label=_("交办日期"), widget=DateInput(), initial=timezone.localdate)
    deadline = forms.DateField(
        label=_("办理时限"), required=False, widget=DateInput(), help_text=_("留空则为交办日期后三个月。")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = HandlingUnit.objects.filter(is_active=True)
        for name in ("lead_unit", "co_units", "split_units"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = units


class ReturnForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=300)


class NoteForm(CleanTextMixin, forms.Form):
    method = forms.ChoiceField(label=_("联系方式"), choices=HandlingNote.Method.choices)
    date = forms.DateField(label=_("联系日期"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("沟通情况"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class OpinionForm(CleanTextMixin, forms.Form):
    opinion = forms.CharField(label=_("会办意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000)
    opinion_on = forms.DateField(label=_("日期"), widget=DateInput(), initial=timezone.localdate)


class ReplyForm(CleanTextMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("答复类别"), choices=Reply.Category.choices, widget=forms.RadioSelect
    )
    replied_on = forms.DateField(label=_("答复日期"), widget=DateInput(), initial=timezone.localdate)
    summary = forms.CharField(
        label=_("答复摘要"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=8000
    )
    letter = forms.FileField(
        label=_("答复函（盖章 PDF）"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"})
    )


class RatingForm(CleanTextMixin, forms.Form):
    verdict = forms.ChoiceField(label=_("测评"), choices=Proposal.Verdict.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        help_text=_("不满意请写明意见，承办单位将重新办理一次。"),
    )
