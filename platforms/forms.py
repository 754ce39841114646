from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, DateInput, MembersChoiceField, VersionedFormMixin, member_choices

from .models import Platform, PlatformSession

_PICKER = {
    "data-filterable": "1",
    "size": "8",
    "class": "form-select",
    "data-filter-placeholder": _("输入姓名筛选"),
}


class PlatformForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    liaisons = MembersChoiceField(
        label=_("联系委员"),
        queryset=member_choices(),
        required=False,
        widget=forms.SelectMultiple(attrs=_PICKER),
    )

    class Meta:
        model = Platform
        fields = [
            "name",
            "level",
            "parent",
            "township",
            "address",
            "founded_on",
            "mode",
            "convenor",
            "liaisons",
            "is_active",
        ]
        widgets = {"founded_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Platform.objects.filter(
            level__in=[Platform.Level.CITY, Platform.Level.TOWNSHIP]
        ).exclude(pk=self.instance.pk)
        self.fields["parent"].empty_label = _("无（市级平台）")
        if self.instance.pk:
            self.initial["liaisons"] = list(self.instance.liaisons.values_list("pk", flat=True))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("name", css_class="col-md-6"),
                Column("level", css_class="col-md-3"),
                Column("mode", css_class="col-md-3"),
            ),
            Row(Column("parent", css_class="col-md-6"), Column("township", css_class="col-md-6")),
            Row(
                Column("address", css_class="col-md-6"),
                Column("founded_on", css_class="col-md-3"),
                Column("convenor", css_class="col-md-3"),
            ),
            "liaisons",
            "is_active",
        )


class SessionForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    members = MembersChoiceField(
        label=_("参加委员"),
        queryset=member_choices(),
        required=False,
        widget=forms.SelectMultiple(attrs=_PICKER),
    )

    class Meta:
        model = PlatformSession
        fields = [
            "platform",
            "date",
            "topic",
            "setting",
            "members",
            "residents",
            "departments",
            "agreed",
            "follow_up_due",
        ]
        widgets = {
            "date": DateInput(),
            "follow_up_due": DateInput(),
            "agreed": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].queryset = Platform.objects.filter(is_active=True).select_related("township")
        if self.instance.pk:
            self.initial["members"] = list(self.instance.members.values_list("pk", flat=True))
        else:
            self.fields["date"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("platform", css_class="col-md-6"),
                Column("date", css_class="col-6 col-md-3"),
                Column("setting", css_class="col-6 col-md-3"),
            ),
            "topic",
            "members",
            Row(Column("residents", css_class="col-md-3"), Column("departments", css_class="col-md-9")),
            "agreed",
            Row(Column("follow_up_due", css_class="col-md-4")),
        )


class FollowUpForm(CleanTextMixin, forms.Form):
    to = forms.ChoiceField(choices=PlatformSession.FollowUp.choices)
    notes = forms.CharField(required=False, max_length=1000)
    on = forms.DateField(required=False)
