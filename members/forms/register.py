from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, DateInput, VersionedFormMixin

from ..models import Member, Term
from ..validators import normalize_id_number


class MemberForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("照片"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("JPG 或 PNG；保存时自动缩小并去除拍摄信息。"),
    )
    remove_photo = forms.BooleanField(label=_("删除现有照片"), required=False)

    class Meta:
        model = Member
        fields = [
            "name",
            "gender",
            "ethnicity",
            "party",
            "birth_date",
            "id_number",
            "phone",
            "term",
            "sector",
            "committee",
            "is_standing",
            "office",
            "liaison_group",
            "education",
            "professional_title",
            "joined_on",
            "joined_how",
            "employer",
            "position",
            "notes",
        ]
        widgets = {
            "birth_date": DateInput(),
            "joined_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "id_number": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # New members almost always join the current term.
            self.fields["term"].initial = (
                Term.objects.filter(is_current=True).values_list("pk", flat=True).first()
            )
            # A member entered today usually joins today (补选); the roster of a new term is imported.
            self.fields["joined_on"].initial = timezone.localdate()
        self.fields["term"].empty_label = _("请选择届别")
        self.fields["sector"].empty_label = _("请选择界别")
        self.fields["committee"].empty_label = _("未分配专委会")
        self.fields["gender"].choices = [("", _("未填写")), *Member.Gender.choices]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("基本信息"),
                Row(
                    Column("name", css_class="col-md-4"),
                    Column("gender", css_class="col-md-2"),
                    Column("ethnicity", css_class="col-md-2"),
                    Column("birth_date", css_class="col-md-4"),
                ),
                Row(
                    Column("id_number", css_class="col-md-5"),
                    Column("phone", css_class="col-md-4"),
                    Column("party", css_class="col-md-3"),
                ),
            ),
            Fieldset(
                _("委员身份"),
                Row(
                    Column("term", css_class="col-md-3"),
                    Column("sector", css_class="col-md-3"),
                    Column("committee", css_class="col-md-4"),
                    Column("is_standing", css_class="col-md-2 pt-md-4"),
                ),
                Row(
                    Column("office", css_class="col-md-3"),
                    Column("liaison_group", css_class="col-md-3"),
                    Column("joined_on", css_class="col-md-3"),
                    Column("joined_how", css_class="col-md-3"),
                ),
                Row(
                    Column("education", css_class="col-md-3"),
                    Column("professional_title", css_class="col-md-3"),
                ),
                Row(Column("employer", css_class="col-md-7"), Column("position", css_class="col-md-5")),
            ),
            Fieldset(
                _("照片"),
                Row(
                    Column("photo_upload", css_class="col-md-8"),
                    Column("remove_photo", css_class="col-md-4 pt-md-4"),
                ),
            ),
            "notes",
        )

    def _unique(self, field: str, value: str, message: Any) -> str:
        # Said at the field, with the other member's name, rather than as a bare constraint error.
        if value:
            other = Member.objects.filter(**{field: value}).exclude(pk=self.instance.pk).first()
            if other is not None:
                raise forms.ValidationError(message % {"name": other.name}, code="duplicate")
        return value

    def clean_id_number(self) -> str:
        value = normalize_id_number(self.cleaned_data.get("id_number", ""))
        return self._unique("id_number", value, _("该身份证号已登记在委员 %(name)s 名下。"))

    def clean_phone(self) -> str:
        value = (self.cleaned_data.get("phone") or "").strip()
        return self._unique("phone", value, _("该手机号已登记在委员 %(name)s 名下。"))


class DeactivateForm(CleanTextMixin, forms.Form):
    how = forms.ChoiceField(label=_("停止履职方式"), choices=Member.Left.choices)
    reason = forms.CharField(
        label=_("停止履职说明"), max_length=200, required=False, help_text=_("例如：因工作调动辞去委员职务")
    )
    left_on = forms.DateField(
        label=_("停止履职日期"), widget=DateInput(), required=False, help_text=_("不填则为今天")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
