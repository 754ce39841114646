"""Two clerks who open the same record and save in turn: the second save never silently drops the
first clerk's change. Walked over every edit form (member, proposal, 社情民意, meeting, research topic,
platform, consultation, scoring rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from consultations import services as meetings
from evaluation import services as evaluation
from evaluation.models import ScoringScheme
from members.models import Member
from platforms import services as platforms
from proposals import services as proposals
from research import services as research
from sentiments import services as sentiments
from tests.factories import MemberFactory, TermFactory

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    url: Callable[[Any], str]
    make: Callable[[Any], Any]
    first: tuple[str, str]  # the field the first clerk changes, and to what
    second: tuple[str, str]  # the field the second clerk changes, and to what
    read: Callable[[Any], tuple[Any, Any]]  # both fields' values as stored


def _proposal(staff):
    return proposals.proposal_create(
        actor=staff,
        year=2023,
        number=5,
        title="关于加快装备制造产业链发展的建议",
        lead=MemberFactory(),
        submitted_on=dt.date(2023, 1, 9),
    )


def _sentiment(staff):
    return sentiments.sentiment_create(
        actor=staff,
        authors=[MemberFactory()],
        year=2023,
        title="小区电动自行车充电难",
        reported_on=dt.date(2023, 3, 1),
    )


def _topic(staff):
    return research.topic_create(
        actor=staff,
        year=2023,
        title="金融业发展",
        leader="主席 王某",
        office="经济科技委员会",
        planned_start=dt.date(2023, 3, 1),
        planned_end=dt.date(2023, 9, 1),
    )


def _session(staff):
    city = platforms.platform_save(actor=staff, name="市级协商议事厅", level="city")
    return platforms.session_save(
        actor=staff,
        platform=city,
        members=[MemberFactory()],
        date=dt.date(2023, 5, 1),
        topic="老旧小区加装电梯",
    )


CASES = {
    "member": Case(
        url=lambda o: reverse("members:edit", args=[o.pk]),
        make=lambda staff: MemberFactory(employer="荥阳市第一中学", position="校长"),
        first=("employer", "荥阳市第二中学"),
        second=("position", "副校长"),
        read=lambda o: (o.employer, o.position),
    ),
    "proposal": Case(
        url=lambda o: reverse("proposals:edit", args=[o.pk]),
        make=_proposal,
        first=("title", "关于加快新材料产业集群培育的建议"),
        second=("content", "建议设立产业基金。"),
        read=lambda o: (o.title, o.content),
    ),
    "sentiment": Case(
        url=lambda o: reverse("sentiments:edit", args=[o.pk]),
        make=_sentiment,
        first=("title", "小区电动自行车充电难问题"),
        second=("content", "建议增设充电桩。"),
        read=lambda o: (o.title, o.content),
    ),
    "meeting": Case(
        url=lambda o: reverse("consultations:edit", args=[o.pk]),
        make=lambda staff: meetings.meeting_create(
            actor=staff, kind="study", term=TermFactory(), start_date=dt.date(2023, 5, 5), place="会议中心"
        ),
        first=("place", "市政协三楼会议室"),
        second=("topic", "学习贯彻党的二十大精神"),
        read=lambda o: (o.place, o.topic),
    ),
    "topic": Case(
        url=lambda o: reverse("research:edit", args=[o.pk]),
        make=_topic,
        first=("title", "金融业高质量发展"),
        second=("leader", "副主席 李某"),
        read=lambda o: (o.title, o.leader),
    ),
    "platform": Case(
        url=lambda o: reverse("platforms:edit", args=[o.pk]),
        make=lambda staff: platforms.platform_save(
            actor=staff, name="市级协商议事厅", level="city", convenor="王某"
        ),
        first=("name", "市级协商议事中心"),
        second=("convenor", "李某"),
        read=lambda o: (o.name, o.convenor),
    ),
    "session": Case(
        url=lambda o: reverse("platforms:session_edit", args=[o.pk]),
        make=_session,
        first=("topic", "老旧小区加装电梯协商"),
        second=("residents", "35"),
        read=lambda o: (o.topic, str(o.residents)),
    ),
}


def _form(client: Client, url: str) -> dict[str, Any]:
    """The edit page's form as the browser would post it unchanged."""
    return _form_from_bound(client.get(url).context["form"])


@pytest.mark.parametrize("name", CASES)
def test_the_second_clerk_is_refused_shown_the_change_and_keeps_what_they_typed(name, staff, client):
    case = CASES[name]
    obj = case.make(staff)
    url = case.url(obj)
    first, second = Client(), Client()
    first.force_login(staff)
    second.force_login(staff)
    opened_by_first, opened_by_second = _form(first, url), _form(second, url)

    opened_by_first[case.first[0]] = case.first[1]
    assert first.post(url, opened_by_first).status_code == 302
    opened_by_second[case.second[0]] = case.second[1]
    refused = second.post(url, opened_by_second)

    assert refused.status_code == 200
    obj.refresh_from_db()
    old_second = case.read(type(obj).objects.get(pk=obj.pk))[1]
    assert case.read(obj)[0] == case.first[1], "the first clerk's change stays"
    assert old_second != case.second[1], "nothing of the refused save was written"
    body = refused.content.decode()
    assert "已被其他人修改并保存" in body and 'id="stale-changes"' in body
    form = refused.context["form"]
    # What the second clerk typed is still in the form; the first clerk's change is now in it too.
    assert str(form[case.second[0]].value()) == case.second[1]
    assert str(form[case.first[0]].value()) == case.first[1]

    # Saving the refused page again keeps both clerks' changes.
    again = _form_from_bound(form)
    assert second.post(url, again).status_code == 302
    obj.refresh_from_db()
    assert case.read(obj) == (case.first[1], case.second[1])


def _form_from_bound(form) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


def test_when_both_clerks_change_the_same_field_the_second_keeps_their_value_and_sees_the_other(
    staff, client
):
    member = MemberFactory(position="校长")
    url = reverse("members:edit", args=[member.pk])
    first, second = Client(), Client()
    first.force_login(staff)
    second.force_login(staff)
    a, b = _form(first, url), _form(second, url)
    a["position"], b["position"] = "副校长", "党委书记"
    first.post(url, a)
    refused = second.post(url, b)
    assert Member.objects.get(pk=member.pk).position == "副校长"
    assert refused.context["form"]["position"].value() == "党委书记"
    (change,) = refused.context["form"].stale_changes
    assert (change.label, change.opened, change.now, change.also_mine) == ("职务", "校长", "副校长", True)
    assert "您也改了：保留您填写的" in refused.content.decode()


def test_the_scoring_rules_page_refuses_a_save_over_a_newer_one(staff, client):
    evaluation.scheme_create_default(year=2023)
    url = reverse("evaluation:scheme_edit", args=[2023])
    first, second = Client(), Client()
    first.force_login(staff)
    second.force_login(staff)
    page_a, page_b = first.get(url), second.get(url)

    def post_data(page, **changes):
        data = {}
        for form in (page.context["form"], page.context["rules"]):
            for name in form.fields:
                value = form[name].value()
                if isinstance(value, bool):
                    if value:
                        data[form.add_prefix(name)] = "on"
                elif value is not None:
                    data[form.add_prefix(name)] = value
        grades = page.context["grades"]
        data.update({f"grades-{k}": v for k, v in grades.management_form.initial.items()})
        for g in grades.forms:
            for name in g.fields:
                value = g[name].value()
                if value is not None:
                    data[g.add_prefix(name)] = value
        data.update(changes)
        return data

    assert first.post(url, post_data(page_a, base_score="70")).status_code == 302
    refused = second.post(url, post_data(page_b, min_activities="5"))
    assert refused.status_code == 200
    scheme = ScoringScheme.objects.get(year=2023)
    assert (scheme.base_score, scheme.min_activities) == (70, 3)
    assert "基础分" in refused.content.decode()
