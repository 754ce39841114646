from __future__ import annotations

import json
import re
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cppcc.forms import (
    CONTROL_CHARACTERS,
    CleanTextMixin,
    DateInput,
    MembersChoiceField,
    VersionedFormMixin,
    member_choices,
)
from members.kinds import ActivityKind
from members.models import Sector, SpecialCommittee, Term

from .models import Attendance, ConsultationOutcome, Guest, Meeting, MeetingKind, OutcomeInstruction, Speech
from .services import SheetRow


class TimeInput(forms.TimeInput):
    input_type = "time"


class MeetingForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "term",
            "number",
            "title",
            "topic",
            "is_topical",
            "start_date",
            "end_date",
            "start_time",
            "place",
            "organiser_committee",
            "organiser_office",
            "description",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["term"].initial = (
                Term.objects.filter(is_current=True).values_list("pk", flat=True).first()
            )
        self.fields["organiser_committee"].empty_label = _("无")
        kind = self.fields["kind"]
        # The kinds staff keep, grouped as the office thinks of them (会议, 协商, 视察调研 …); a meeting
        # keeps its kind even if that kind was retired since.
        current = self.instance.kind_id if self.instance.pk else None
        kinds = MeetingKind.objects.filter(Q(is_active=True) | Q(code=current)).order_by("order", "name")
        kind.queryset = kinds
        kind.empty_label = _("请选择类型")
        groups: dict[str, list[tuple[str, str]]] = {}
        for k in kinds:
            groups.setdefault(str(MeetingKind.Group(k.group).label), []).append((k.code, k.name))
        kind.choices = [("", _("请选择类型")), *groups.items()]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("kind", css_class="col-md-4"),
                Column("term", css_class="col-6 col-md-4"),
                Column("number", css_class="col-6 col-md-4"),
            ),
            "title",
            Row(Column("topic", css_class="col-md-9"), Column("is_topical", css_class="col-md-3 pt-md-4")),
            Row(
                Column("start_date", css_class="col-6 col-md-4"),
                Column("end_date", css_class="col-6 col-md-4"),
                Column("start_time", css_class="col-md-4"),
            ),
            Row(
                Column("place", css_class="col-md-4"),
                Column("organiser_committee", css_class="col-md-4"),
                Column("organiser_office", css_class="col-md-4"),
            ),
            "description",
        )


class InviteForm(forms.Form):
    SCOPES = [
        ("all", _("全体在任委员")),
        ("standing", _("全体常委")),
        ("committee", _("一个专委会的委员")),
        ("sector", _("一个界别的委员")),
        ("hand", _("逐个选择")),
    ]
    scope = forms.ChoiceField(label=_("邀请范围"), choices=SCOPES, widget=forms.RadioSelect, initial="all")
    committee = forms.ModelChoiceField(
        label=_("专委会"), queryset=SpecialCommittee.objects.all(), required=False
    )
    sector = forms.ModelChoiceField(label=_("界别"), queryset=Sector.objects.all(), required=False)
    members = MembersChoiceField(
        label=_("委员"),
        queryset=member_choices(),
        required=False,
        widget=forms.SelectMultiple(
            attrs={
                "data-filterable": "1",
                "size": "10",
                "class": "form-select",
                "data-filter-placeholder": _("输入姓名筛选"),
            }
        ),
    )

    role = forms.ChoiceField(
        label=_("身份"),
        choices=Attendance.Role.choices,
        initial=Attendance.Role.MEMBER,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("列席人员不计入出席率，未到会也不记请假或缺席。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == "committee" and not data.get("committee"):
            self.add_error("committee", _("请选择专委会。"))
        if scope == "sector" and not data.get("sector"):
            self.add_error("sector", _("请选择界别。"))
        if scope == "hand" and not data.get("members"):
            self.add_error("members", _("请至少选择一位委员。"))
        data["role"] = data.get("role") or Attendance.Role.MEMBER
        return data


class LeaveRequestForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("请假事由"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("例如：因公出差")}),
    )


class OutcomeForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = ConsultationOutcome
        fields = ["title", "content", "sent_to", "sent_on"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3}), "sent_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class InstructionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = OutcomeInstruction
        fields = ["leader", "level", "date", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 2}), "date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def _trimmed(row: list[Any]) -> list[Any]:
    while row and row[-1] == "":
        row.pop()
    return row


class SheetForm:
    """The posted sign-in sheet, read and validated row by row like any form.

    The page posts each row's marks and, in one hidden field (`was`), the rows as the page showed
    them, so the service can write only what this clerk changed. Each row is checked like a form
    field (known choices, the reason's length, no control characters) and an error names the row.
    """

    REASON_MAX = 200

    def __init__(self, data: Any, names: dict[int, str]) -> None:
        self.data, self.names = data, names
        self.rows: dict[int, SheetRow] = {}
        self.originals: dict[int, SheetRow] = {}
        self.removed: set[int] = set()
        self.errors: list[str] = []

    @staticmethod
    def encode(rows: dict[int, SheetRow]) -> str:
        # Trailing empty values are left out: most rows are [member, status].
        return json.dumps(
            [_trimmed([m, r.status, r.speech, r.leave_reason]) for m, r in rows.items()],
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def _originals(self) -> dict[int, SheetRow] | None:
        try:
            raw = json.loads(self.data.get("was", ""))
            rows = {}
            for m, status, speech, reason in ([*row, "", ""][:4] for row in raw):
                rows[int(m)] = SheetRow(str(status), str(reason), str(speech))
            return rows
        except (TypeError, ValueError):
            return None

    def is_valid(self) -> bool:
        originals = self._originals()
        if originals is None:
            self.errors.append(str(_("签到表页面已过期，请刷新后重新填写。")))
            return False
        self.originals = originals
        for member_id in originals:
            name = self.names.get(member_id, str(member_id))
            status = self.data.get(f"status-{member_id}", originals[member_id].status)
            # A row posted without its reason or speech field (the page had not added it) keeps both.
            speech = self.data.get(f"speech-{member_id}", originals[member_id].speech)
            reason = self.data.get(f"reason-{member_id}", originals[member_id].leave_reason).strip()
            problems = []
            if status not in Attendance.Status.values or speech not in Attendance.Speech.values:
                problems.append(str(_("有无法识别的选项")))
            if len(reason) > self.REASON_MAX:
                problems.append(str(_("请假事由不能超过 %(n)s 个字") % {"n": self.REASON_MAX}))
            if CONTROL_CHARACTERS.search(reason):
                problems.append(str(_("请假事由中有不可见的控制字符，请删除")))
            if problems:
                self.errors.append(
                    _("%(name)s：%(problems)s。") % {"name": name, "problems": "；".join(problems)}
                )
            self.rows[member_id] = SheetRow(status, reason, speech)
            if self.data.get(f"remove-{member_id}"):
                self.removed.add(member_id)
        return not self.errors


class MeetingKindForm(VersionedFormMixin, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = MeetingKind
        fields = ["name", "code", "group", "numbered", "activity_kind", "order", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Meetings point at their kind by its code: once in use, the code stays.
            self.fields["code"].disabled = True
        self.fields["code"].help_text = _("英文小写字母、数字和下划线，例如 counterpart；建立后不能修改。")
        self.fields["code"].validators = []  # clean_code() says what a code may be, in this page's words
        # Attending a meeting counts as one of the attendance activities, never as a leave or a proposal.
        activity = self.fields["activity_kind"]
        assert isinstance(activity, forms.ChoiceField)
        activity.choices = [
            (value, label) for value, label in ActivityKind.choices if value.startswith("attend_")
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if self.fields["code"].disabled:
            return code
        if not re.fullmatch(r"[a-z][a-z0-9_]*", code):
            raise forms.ValidationError(
                _("代码只能由英文小写字母、数字和下划线组成，并以字母开头，例如 counterpart。")
            )
        if MeetingKind.objects.filter(code__iexact=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("已有代码为“%(code)s”的会议活动类型。") % {"code": code})
        return code

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if MeetingKind.objects.filter(name=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("已有名为“%(name)s”的会议活动类型。") % {"name": name})
        return name

    def validate_unique(self) -> None:
        pass  # code and name are checked above, in words a clerk reads; the database constraint stays


class CheckinWindowForm(forms.Form):
    """Open QR check-in from now until a time today; scans after the late time are marked 迟到."""

    closes_at = forms.TimeField(label=_("签到截止"), widget=TimeInput(format="%H:%M"))
    late_after = forms.TimeField(
        label=_("迟到时间"),
        widget=TimeInput(format="%H:%M"),
        required=False,
        help_text=_("此时间之后扫码签到的记为迟到；不填则不记迟到。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-control" + (" is-invalid" if self.errors.get(name) else "")


class GuestForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Guest
        fields = ["name", "unit", "category"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-select form-select-sm" if name == "category" else "form-control form-control-sm"
            field.widget.attrs["class"] = css + (" is-invalid" if self.errors.get(name) else "")


class SpeechForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Speech
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
