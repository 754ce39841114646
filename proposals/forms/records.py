from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.forms import (
    CleanTextMixin,
    DateInput,
    MemberChoiceField,
    MembersChoiceField,
    VersionedFormMixin,
    member_choices,
)
from members.models import Member

from ..models import Proposal

# app.js adds a filter box above selects marked data-filterable (250 names are too many to scroll).
_FILTERABLE = {"data-filterable": "1", "data-filter-placeholder": _("输入姓名筛选")}
_MULTIPLE = {**_FILTERABLE, "size": "10", "class": "form-select"}


class ProposalForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    lead = MemberChoiceField(
        label=_("领衔人"), queryset=Member.objects.none(), widget=forms.Select(attrs=_FILTERABLE)
    )
    cosigners = MembersChoiceField(
        label=_("附议人"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs=_MULTIPLE),
        help_text=_("按住 Ctrl（手机上直接点选）可选多人。"),
    )

    class Meta:
        model = Proposal
        fields = [
            "year",
            "number",
            "title",
            "category",
            "author_kind",
            "author_sector",
            "author_committee",
            "author_group",
            "lead",
            "cosigners",
            "submitted_on",
            "content",
            "suggestions",
            "is_key",
            "is_excellent",
            "handling_unit",
        ]
        widgets = {
            "submitted_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
            "suggestions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = []
        if self.instance.pk:
            existing = [self.instance.lead_id, *self.instance.cosigners.values_list("pk", flat=True)]
        self.fields["lead"].queryset = member_choices(existing)
        self.fields["cosigners"].queryset = member_choices(existing)
        self.fields["lead"].empty_label = _("请选择领衔人")
        self.fields["lead"].required = False  # a 集体提案 has none; the service asks for it otherwise
        self.fields["author_kind"].required = False  # left out, a member's proposal as before
        self.fields["author_kind"].help_text = _(
            "集体提案以界别、专委会或党派团体名义提出，不填领衔人和附议人。"
        )
        self.fields["number"].required = True  # a draft has none; a proposal staff enter does
        if not self.instance.pk:
            year = timezone.localdate().year
            self.fields["year"].initial = year
            self.fields["submitted_on"].initial = timezone.localdate()
            # A clerk entering the session's proposals one after another gets the next number offered.
            last = Proposal.objects.filter(year=year).aggregate(n=Max("number"))["n"]
            self.fields["number"].initial = (last or 0) + 1
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("year", css_class="col-4 col-md-2"),
                Column("number", css_class="col-8 col-md-3"),
                Column("submitted_on", css_class="col-md-3"),
            ),
            Row(Column("title", css_class="col-md-9"), Column("category", css_class="col-md-3")),
            Row(
                Column("author_kind", css_class="col-md-3"),
                Column("author_sector", css_class="col-md-3"),
                Column("author_committee", css_class="col-md-3"),
                Column("author_group", css_class="col-md-3"),
            ),
            Row(Column("lead", css_class="col-md-5"), Column("cosigners", css_class="col-md-7")),
            "content",
            "suggestions",
            Fieldset(
                _("办理"),
                Row(
                    Column("handling_unit", css_class="col-md-6"),
                    Column("is_key", css_class="col-6 col-md-3 pt-md-4"),
                    Column("is_excellent", css_class="col-6 col-md-3 pt-md-4"),
                ),
            ),
        )

    def clean(self):
        data = super().clean()
        lead, cosigners = data.get("lead"), data.get("cosigners") or []
        data["author_kind"] = data.get("author_kind") or Proposal.Author.MEMBER
        if data["author_kind"] != Proposal.Author.MEMBER:
            if lead:
                self.add_error("lead", _("集体提案不填领衔人。"))
            if cosigners:
                self.add_error("cosigners", _("集体提案没有附议人。"))
        elif lead and lead in cosigners:
            self.add_error("cosigners", _("领衔人不能同时是附议人。"))
        return data


class DraftForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    """What a member writes: 案由, 类别, 案据 and 建议办法; a draft may be saved half done."""

    class Meta:
        model = Proposal
        fields = ["title", "category", "content", "suggestions"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 6}),
            "suggestions": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "title": _("一事一案，写明“关于……的建议”。"),
            "content": _("存在的问题、原因和依据。"),
            "suggestions": _("具体、可行的解决办法，可分条列出。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("请选择类别")), *Proposal.Category.choices]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("title", "category", "content", "suggestions")


class InviteForm(CleanTextMixin, forms.Form):
    """联名邀请: the members the lead asks to co-sign, and by when they answer."""

    members = MembersChoiceField(
        label=_("邀请联名的委员"),
        queryset=Member.objects.none(),
        widget=forms.SelectMultiple(attrs=_MULTIPLE),
        help_text=_("按姓名筛选后选择，可选多人。"),
    )
    deadline = forms.DateField(label=_("答复截止日期"), required=False, widget=DateInput())

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, MembersChoiceField)
        field.queryset = member_choices().exclude(pk=proposal.lead_id)


class TransitionForm(CleanTextMixin, forms.Form):
    to = forms.ChoiceField(choices=Proposal.Status.choices, widget=forms.HiddenInput)
    on = forms.DateField(label=_("日期"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=_("不予立案理由"), max_length=200, required=False)
    handling_unit = forms.CharField(label=_("承办单位"), max_length=100, required=False)
    answer = forms.CharField(label=_("答复内容"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
