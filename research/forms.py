from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, DateInput, MembersChoiceField, VersionedFormMixin, member_choices

from .models import ReportInstruction, ResearchTopic

_PICKER = {
    "data-filterable": "1",
    "size": "8",
    "class": "form-select",
    "data-filter-placeholder": _("输入姓名筛选"),
}


class _Helper:
    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False


class TopicForm(VersionedFormMixin, CleanTextMixin, _Helper, forms.ModelForm):
    class Meta:
        model = ResearchTopic
        fields = [
            "year",
            "title",
            "leader",
            "committee",
            "office",
            "planned_start",
            "planned_end",
            "description",
        ]
        widgets = {
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["year"].initial = timezone.localdate().year
        self.fields["committee"].empty_label = _("无（由委室牵头）")
        self._helper()
        self.helper.layout = Layout(
            Row(Column("year", css_class="col-4 col-md-2"), Column("title", css_class="col-md-10")),
            Row(
                Column("leader", css_class="col-md-4"),
                Column("committee", css_class="col-md-4"),
                Column("office", css_class="col-md-4"),
            ),
            Row(Column("planned_start", css_class="col-6"), Column("planned_end", css_class="col-6")),
            "description",
        )

    def clean(self):
        data = super().clean()
        if not data.get("committee") and not data.get("office"):
            self.add_error("office", _("请填写牵头专委会或牵头委室。"))
        return data


class TeamForm(_Helper, forms.Form):
    leads = MembersChoiceField(
        label=_("牵头"), queryset=member_choices(), required=False, widget=forms.SelectMultiple(attrs=_PICKER)
    )
    authors = MembersChoiceField(
        label=_("执笔"), queryset=member_choices(), required=False, widget=forms.SelectMultiple(attrs=_PICKER)
    )
    members = MembersChoiceField(
        label=_("参加"), queryset=member_choices(), required=False, widget=forms.SelectMultiple(attrs=_PICKER)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()
        self.helper.layout = Layout(
            Row(
                Column("leads", css_class="col-md-4"),
                Column("authors", css_class="col-md-4"),
                Column("members", css_class="col-md-4"),
            )
        )


class ReportForm(CleanTextMixin, _Helper, forms.Form):
    title = forms.CharField(label=_("报告标题"), max_length=200)
    summary = forms.CharField(label=_("内容摘要"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    completed_on = forms.DateField(label=_("形成日期"), widget=DateInput())
    upload = forms.FileField(
        label=_("报告文件（PDF、DOCX 或 WPS）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.wps"}),
    )
    submitted_to = forms.CharField(label=_("报送对象"), max_length=200, required=False)
    submitted_on = forms.DateField(label=_("报送日期"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class InstructionForm(CleanTextMixin, _Helper, forms.ModelForm):
    class Meta:
        model = ReportInstruction
        fields = ["leader", "level", "date", "content", "assigned_to"]
        widgets = {"date": DateInput(), "content": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class FollowUpForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = ReportInstruction
        fields = ["assigned_to", "follow_up", "result"]
        widgets = {"result": forms.Textarea(attrs={"rows": 2})}
