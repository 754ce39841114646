from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation import services as evaluation_services
from evaluation.models import ScoringRule, ScoringScheme
from members.kinds import ActivityKind, Category

pytestmark = pytest.mark.django_db


def _form_data(scheme: ScoringScheme, **changes):
    data = {
        "base_score": scheme.base_score,
        "cosigner_mode": scheme.cosigner_mode,
        "lead_share": scheme.lead_share,
        "require_plenary": "on",
        "min_activities": scheme.min_activities,
        "min_proposals": scheme.min_proposals,
        "min_sentiments": scheme.min_sentiments,
        "duties_unmet_grade": scheme.duties_unmet_grade,
        "part_year_duties": scheme.part_year_duties,
    }
    for rule in scheme.rules.all():
        data[f"points__{rule.kind}"] = rule.points
        data[f"standing__{rule.kind}"] = "" if rule.standing_points is None else rule.standing_points
        data[f"cap__{rule.kind}"] = "" if rule.cap is None else rule.cap
    for cap in scheme.category_caps.all():
        data[f"catcap__{cap.category}"] = cap.cap
    grades = list(scheme.grades.all())
    data.update(
        {
            "grades-TOTAL_FORMS": len(grades) + 1,
            "grades-INITIAL_FORMS": len(grades),
            "grades-MIN_NUM_FORMS": 0,
            "grades-MAX_NUM_FORMS": 8,
        }
    )
    for i, g in enumerate(grades):
        data[f"grades-{i}-name"], data[f"grades-{i}-min_total"] = g.name, g.min_total
    data.update(changes)
    return data


def test_staff_change_a_rule_and_a_cap(staff_client, staff):
    scheme = evaluation_services.scheme_create_default(year=2023)
    data = _form_data(scheme, **{f"points__{ActivityKind.VISIT}": "2", f"catcap__{Category.VISIT}": "8"})
    response = staff_client.post(reverse("evaluation:scheme_edit", args=[2023]), data)
    assert response.status_code == 302
    assert ScoringRule.objects.get(scheme=scheme, kind=ActivityKind.VISIT).points == Decimal(2)
    assert scheme.category_caps.get(category=Category.VISIT).cap == Decimal(8)
    assert scheme.rules.get(kind=ActivityKind.VISIT).history.latest().history_user == staff


def test_staff_add_a_grade_band(staff_client):
    scheme = evaluation_services.scheme_create_default(year=2023)
    response = staff_client.post(
        reverse("evaluation:scheme_edit", args=[2023]),
        _form_data(scheme, **{"grades-4-name": "良好", "grades-4-min_total": "80"}),
    )
    assert response.status_code == 302
    assert list(scheme.grades.values_list("name", flat=True)) == [
        "优秀",
        "良好",
        "称职",
        "基本称职",
        "不称职",
    ]


def test_a_negative_cap_is_refused_and_nothing_changes(staff_client):
    scheme = evaluation_services.scheme_create_default(year=2023)
    response = staff_client.post(
        reverse("evaluation:scheme_edit", args=[2023]),
        _form_data(scheme, **{f"cap__{ActivityKind.VISIT}": "-1"}),
    )
    assert response.status_code == 200 and "上限不能为负数" in response.content.decode()


def test_an_unknown_ceiling_grade_is_refused(staff_client):
    scheme = evaluation_services.scheme_create_default(year=2023)
    response = staff_client.post(
        reverse("evaluation:scheme_edit", args=[2023]),
        _form_data(scheme, duties_unmet_grade="合格"),
        follow=True,
    )
    assert "“合格”不是本年度设定的等次" in response.content.decode()


def test_staff_copy_last_years_rules(staff_client):
    last = evaluation_services.scheme_create_default(year=2022)
    ScoringRule.objects.filter(scheme=last, kind=ActivityKind.VISIT).update(points=3)
    staff_client.post(reverse("evaluation:scheme_create", args=[2023]), {"from": "previous"})
    copied = ScoringScheme.objects.get(year=2023)
    assert copied.rules.get(kind=ActivityKind.VISIT).points == Decimal(3)
    assert copied.rules.count() == last.rules.count() == len(ActivityKind)
    assert copied.grades.count() == 4


def test_copying_when_no_earlier_year_has_rules_says_so(staff_client):
    response = staff_client.post(
        reverse("evaluation:scheme_create", args=[2023]), {"from": "previous"}, follow=True
    )
    assert "2023 年度之前没有可复制的积分规则" in response.content.decode()
    assert not ScoringScheme.objects.exists()


def test_a_leader_reads_the_rules_but_cannot_save_them(leader_client):
    scheme = evaluation_services.scheme_create_default(year=2023)
    page = leader_client.get(reverse("evaluation:scheme_edit", args=[2023]))
    assert page.status_code == 200 and "<fieldset disabled" in page.content.decode()
    response = leader_client.post(
        reverse("evaluation:scheme_edit", args=[2023]), _form_data(scheme, base_score="99")
    )
    assert response.status_code == 403
    scheme.refresh_from_db()
    assert scheme.base_score == Decimal(60)


def test_copying_takes_the_latest_earlier_year_that_has_rules(staff_client):
    scheme = evaluation_services.scheme_create_default(year=2021)
    ScoringScheme.objects.filter(pk=scheme.pk).update(base_score=Decimal(70))
    # No rules for 2022: the committee skipped a year.
    response = staff_client.post(reverse("evaluation:scheme_create", args=[2023]), {"from": "previous"})
    assert response.status_code == 302
    copied = ScoringScheme.objects.get(year=2023)
    assert copied.base_score == Decimal(70)
    assert copied.rules.count() == scheme.rules.count()


def test_the_list_names_the_year_a_new_year_would_copy(staff_client):
    evaluation_services.scheme_create_default(year=2021)
    body = staff_client.get(reverse("evaluation:schemes")).content.decode()
    assert "复制 2021 年度规则" in body
