from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from cppcc.forms import CleanTextMixin, MembersChoiceField, VersionedFormMixin
from members.models import Member
from proposals.models import HandlingUnit


class LinkAccountForm(CleanTextMixin, forms.Form):
    username = forms.CharField(
        label=_("登录账号"),
        max_length=150,
        help_text=_("填写已有账号即关联；填写新账号名则新建（一般用手机号）。"),
    )
    password = forms.CharField(
        label=_("初始密码"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("新建账号时必填；关联已有账号时填写则重置其密码。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class BulkAccountsForm(forms.Form):
    """Whom to give a login: everyone serving without one, or the members ticked on the page."""

    scope = forms.ChoiceField(
        label=_("开通范围"),
        choices=[("all", _("全部尚未开通账号的在任委员")), ("picked", _("下面勾选的委员"))],
        widget=forms.RadioSelect,
        initial="all",
    )
    members = MembersChoiceField(
        label=_("委员"), queryset=Member.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waiting = Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=True).select_related(
            "sector"
        )
        field = self.fields["members"]
        assert isinstance(field, MembersChoiceField)
        field.queryset = self.waiting

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("scope") == "picked" and not data.get("members"):
            raise forms.ValidationError(_("请勾选要开通账号的委员。"))
        return data

    def chosen(self) -> Any:
        if self.cleaned_data["scope"] == "all":
            return self.waiting
        return self.cleaned_data["members"]


class UnitForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    """A handling unit's name, contact and whether it is still in use."""

    class Meta:
        model = HandlingUnit
        fields = ["name", "contact", "phone", "is_active"]
        help_texts = {
            "is_active": _("停用后不再出现在交办选项中，其登录账号同时停用；已办理的提案不受影响。")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class _PasswordField(forms.CharField):
    def __init__(self) -> None:
        super().__init__(
            label=_("初始密码"),
            required=False,
            strip=False,
            widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
            help_text=_("不填则自动生成，只显示一次。首次登录须修改密码。"),
        )


class UnitLoginForm(CleanTextMixin, forms.Form):
    """A new login of a handling unit: the clerk's account name, name and phone."""

    username = forms.RegexField(
        label=_("登录账号"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("字母、数字或手机号。"),
        error_messages={"invalid": _("账号只能包含字母、数字和 @ . + - _。")},
    )
    name = forms.CharField(label=_("姓名"), max_length=150)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    password = _PasswordField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class PasswordResetForm(forms.Form):
    password = _PasswordField()
