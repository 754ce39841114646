from __future__ import annotations

from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cppcc.forms import VersionedFormMixin
from members.kinds import CATEGORY_OF, ActivityKind, Category

from .models import ScoringScheme


class SchemeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ScoringScheme
        fields = [
            "base_score",
            "cosigner_mode",
            "lead_share",
            "require_plenary",
            "min_activities",
            "min_proposals",
            "min_sentiments",
            "duties_unmet_grade",
            "part_year_duties",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("base_score", css_class="col-md-3"),
                Column("cosigner_mode", css_class="col-md-6"),
                Column("lead_share", css_class="col-md-3"),
            ),
            Row(
                Column("require_plenary", css_class="col-md-3 pt-md-4"),
                Column("min_activities", css_class="col-md-3"),
                Column("min_proposals", css_class="col-md-3"),
                Column("min_sentiments", css_class="col-md-3"),
            ),
            Row(
                Column("duties_unmet_grade", css_class="col-md-6"),
                Column("part_year_duties", css_class="col-md-6"),
            ),
        )


def _number(label: Any, required: bool, *, what: Any = "") -> forms.DecimalField:
    # Inputs in a table have no <label>: the name read out says which kind and which column it is.
    spoken = format_lazy("{}：{}", label, what) if what else label
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(
            attrs={"step": "0.5", "class": "form-control form-control-sm", "aria-label": spoken}
        ),
    )


class RulesForm(forms.Form):
    """Every kind's points, 常委 points and cap, and every category's cap, as one table."""

    def __init__(self, *args: Any, scheme: ScoringScheme | None = None, **kwargs: Any) -> None:
        initial: dict[str, Decimal | None] = {}
        if scheme is not None:
            for rule in scheme.rules.all():
                initial[f"points__{rule.kind}"] = rule.points
                initial[f"standing__{rule.kind}"] = rule.standing_points
                initial[f"cap__{rule.kind}"] = rule.cap
            for cap in scheme.category_caps.all():
                initial[f"catcap__{cap.category}"] = cap.cap
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for kind in ActivityKind:
            self.fields[f"points__{kind}"] = _number(kind.label, True, what=_("每次分值"))
            self.fields[f"standing__{kind}"] = _number(_("常委分值"), False, what=kind.label)
            self.fields[f"cap__{kind}"] = _number(_("年度上限"), False, what=kind.label)
        for category in Category:
            self.fields[f"catcap__{category}"] = _number(category.label, False, what=_("本类合计上限"))

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if name.startswith(("cap__", "catcap__")) and value is not None and value < 0:
                self.add_error(name, _("上限不能为负数。"))
        return data

    def table(self):
        """Rows for the template: per category, its cap field and each kind's three fields."""
        rows = []
        for category in Category:
            kinds = [k for k in ActivityKind if CATEGORY_OF[k] == category]
            rows.append(
                {
                    "category": category,
                    "cap": self[f"catcap__{category}"],
                    "kinds": [
                        (k, self[f"points__{k}"], self[f"standing__{k}"], self[f"cap__{k}"]) for k in kinds
                    ],
                }
            )
        return rows

    def rules(self) -> dict[str, tuple[Decimal, Decimal | None, Decimal | None]]:
        d = self.cleaned_data
        return {k.value: (d[f"points__{k}"], d[f"standing__{k}"], d[f"cap__{k}"]) for k in ActivityKind}

    def caps(self) -> dict[str, Decimal | None]:
        return {c.value: self.cleaned_data[f"catcap__{c}"] for c in Category}


class GradeForm(forms.Form):
    name = forms.CharField(
        label=_("等次"),
        max_length=10,
        required=False,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-sm",
                "placeholder": _("等次名称，如 优秀"),
                "aria-label": _("等次"),
            }
        ),
    )
    min_total = forms.DecimalField(
        label=_("最低总分"),
        max_digits=6,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(
            attrs={
                "class": "form-control form-control-sm",
                "placeholder": _("最低总分"),
                "aria-label": _("最低总分"),
            }
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("name") and data.get("min_total") is None:
            self.add_error("min_total", _("请填写该等次的最低总分。"))
        if data.get("min_total") is not None and not data.get("name"):
            self.add_error("name", _("请填写等次名称。"))
        return data


GradeFormSet = forms.formset_factory(GradeForm, extra=2, max_num=8)
