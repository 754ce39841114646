"""The forms of 社情民意: a report (staff and a member's phone), its forwardings and adoptions, its
批示, and the names of the levels."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, DateInput, MembersChoiceField, VersionedFormMixin, member_choices
from members.models import Member

from .models import SentimentForwarding, SentimentInstruction, SentimentIssue, SentimentLevel, SentimentReport

# app.js adds a filter box above selects marked data-filterable (250 names are too many to scroll).
_FILTERABLE = {"data-filterable": "1", "data-filter-placeholder": _("输入姓名筛选")}
_MULTIPLE = {**_FILTERABLE, "size": "10", "class": "form-select"}


class SentimentForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    authors = MembersChoiceField(
        label=_("反映人"), queryset=Member.objects.none(), widget=forms.SelectMultiple(attrs=_MULTIPLE)
    )

    class Meta:
        model = SentimentReport
        fields = ["year", "title", "authors", "reported_on", "content", "suggestion"]
        widgets = {
            "reported_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
            "suggestion": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        existing = list(self.instance.authors.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["authors"].queryset = member_choices(existing)  # type: ignore[attr-defined]
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year
            self.fields["reported_on"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("year", css_class="col-4 col-md-2"), Column("reported_on", css_class="col-8 col-md-3")
            ),
            "title",
            "authors",
            "content",
            "suggestion",
        )


class MemberSentimentForm(CleanTextMixin, forms.ModelForm):
    """社情民意 as a member sends it from a phone: what they saw, what they suggest, and optionally a
    photo or a document."""

    attachment = forms.FileField(
        label=_("附件（可选）"),
        required=False,
        help_text=_("可拍照或选择 PDF、Word、WPS 文档。"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,.pdf,.docx,.wps"}),
    )

    class Meta:
        model = SentimentReport
        fields = ["title", "content", "suggestion"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 6}),
            "suggestion": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"content": _("反映的情况")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["content"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False


def _levels(field: forms.Field, levels: list[SentimentLevel] | None) -> None:
    """The page passes the levels it read once, so a page with many records' forms asks only once."""
    field.queryset = SentimentLevel.objects.order_by("order", "pk")  # type: ignore[attr-defined]
    if levels is not None:
        field.choices = [("", _("请选择级别")), *((level.pk, level.name) for level in levels)]  # type: ignore[attr-defined]
    else:
        field.empty_label = _("请选择级别")  # type: ignore[attr-defined]


class ForwardingForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    """One 报送 or 采用 record, typed on the report's page."""

    class Meta:
        model = SentimentForwarding
        fields = ["action", "level", "date", "body", "note"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, levels: list[SentimentLevel] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _levels(self.fields["level"], levels)
        if not self.instance.pk:
            self.fields["date"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("action", css_class="col-6 col-md-2"),
                Column("level", css_class="col-6 col-md-3"),
                Column("date", css_class="col-md-3"),
                Column("body", css_class="col-md-4"),
            ),
            "note",
        )


class InstructionForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    """批示 and its follow-up (落实部门, 反馈)."""

    class Meta:
        model = SentimentInstruction
        fields = ["leader", "level", "date", "content", "department", "feedback", "feedback_on"]
        widgets = {
            "date": DateInput(),
            "feedback_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 2}),
            "feedback": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, levels: list[SentimentLevel] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _levels(self.fields["level"], levels)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("leader", css_class="col-md-5"),
                Column("level", css_class="col-6 col-md-3"),
                Column("date", css_class="col-6 col-md-4"),
            ),
            "content",
            Row(Column("department", css_class="col-md-8"), Column("feedback_on", css_class="col-md-4")),
            "feedback",
        )


class LevelNamesForm(CleanTextMixin, forms.Form):
    """The names of the levels, one field each, in their order."""

    def __init__(self, *args: Any, levels: list[SentimentLevel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.levels = levels
        for level in levels:
            self.fields[f"name_{level.pk}"] = forms.CharField(
                label=level.get_tier_display(), max_length=30, initial=level.name
            )

    def names(self) -> dict[int, str]:
        return {level.pk: self.cleaned_data[f"name_{level.pk}"] for level in self.levels}


class ReportsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reported_on:%m-%d} {obj.title}"


class IssueForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    """An issue's masthead: year, 第 N 期 (the next one offered), date, title and 编者按."""

    class Meta:
        model = SentimentIssue
        fields = ["year", "number", "date", "title", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("year", css_class="col-4 col-md-2"),
                Column("number", css_class="col-4 col-md-2"),
                Column("date", css_class="col-md-3"),
                Column("title", css_class="col-md-5"),
            ),
            "note",
        )


class NewIssueForm(IssueForm):
    reports = ReportsChoiceField(
        label=_("编入的信息"),
        queryset=SentimentReport.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("本年度尚未编报的信息；编入后可在本期页面调整顺序。"),
    )

    def __init__(self, *args: Any, unpublished: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reports"].queryset = unpublished  # type: ignore[attr-defined]
        self.helper.layout.append("reports")


class IssueItemsForm(forms.Form):
    """The contents of an issue in one form: each item's place (or 移出), and reports to add."""

    add = ReportsChoiceField(
        label=_("加入本期"),
        queryset=SentimentReport.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, items: list[Any], unpublished: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        self.fields["add"].queryset = unpublished  # type: ignore[attr-defined]
        for item in items:
            self.fields[f"pos_{item.report_id}"] = forms.IntegerField(
                label=_("顺序"),
                min_value=1,
                initial=item.position,
                widget=forms.NumberInput(
                    attrs={"class": "form-control form-control-sm", "aria-label": _("顺序")}
                ),
            )
            self.fields[f"remove_{item.report_id}"] = forms.BooleanField(
                label=_("移出"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input", "aria-label": _("移出")}),
            )

    def ordered_reports(self) -> list[SentimentReport]:
        """The items kept, by the places typed (ties keep their old order), then the ones added."""
        kept = [i for i in self.items if not self.cleaned_data[f"remove_{i.report_id}"]]
        kept.sort(key=lambda i: (self.cleaned_data[f"pos_{i.report_id}"], i.position))
        return [i.report for i in kept] + list(self.cleaned_data["add"])
