from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, DateInput, MembersChoiceField, VersionedFormMixin, member_choices
from members.models import Member

from .models import SentimentReport

# app.js adds a filter box above selects marked data-filterable (250 names are too many to scroll).
_FILTERABLE = {"data-filterable": "1", "data-filter-placeholder": _("输入姓名筛选")}
_MULTIPLE = {**_FILTERABLE, "size": "10", "class": "form-select"}


class SentimentForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    authors = MembersChoiceField(
        label=_("反映人"), queryset=Member.objects.none(), widget=forms.SelectMultiple(attrs=_MULTIPLE)
    )

    class Meta:
        model = SentimentReport
        fields = [
            "year",
            "title",
            "authors",
            "reported_on",
            "content",
            "suggestion",
            "adoption_level",
            "adopted_on",
            "adopted_by",
            "instruction_by",
            "instruction_level",
            "instruction_on",
            "instruction_content",
        ]
        widgets = {
            "reported_on": DateInput(),
            "adopted_on": DateInput(),
            "instruction_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 3}),
            "instruction_content": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = list(self.instance.authors.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["authors"].queryset = member_choices(existing)
        self.fields["adoption_level"].choices = [
            ("", _("未采用")),
            *self.fields["adoption_level"].choices[1:],
        ]
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
            Fieldset(
                _("采用"),
                Row(
                    Column("adoption_level", css_class="col-md-3"),
                    Column("adopted_on", css_class="col-md-3"),
                    Column("adopted_by", css_class="col-md-6"),
                ),
            ),
            Fieldset(
                _("领导批示"),
                Row(
                    Column("instruction_by", css_class="col-md-5"),
                    Column("instruction_level", css_class="col-md-3"),
                    Column("instruction_on", css_class="col-md-4"),
                ),
                "instruction_content",
            ),
        )


class MemberSentimentForm(CleanTextMixin, forms.ModelForm):
    """社情民意 as a member sends it from a phone: what they saw and what they suggest."""

    class Meta:
        model = SentimentReport
        fields = ["title", "content", "suggestion"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 6}),
            "suggestion": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"content": _("反映的情况")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False
