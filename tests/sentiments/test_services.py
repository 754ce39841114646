"""Reports, their 报送/采用 records and 批示: what each write does to the dossier, and what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from members.kinds import ActivityKind as K
from members.models import DossierEntry
from sentiments import services
from sentiments.models import SentimentForwarding, SentimentLevel
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2023, 3, 1)


@pytest.fixture
def levels():
    return {level.tier: level for level in SentimentLevel.objects.all()}


@pytest.fixture
def report(staff):
    return services.sentiment_create(
        actor=staff,
        authors=[MemberFactory(), MemberFactory()],
        year=2023,
        title="小区充电难",
        reported_on=DAY,
    )


def _kinds() -> list[tuple[str, dt.date]]:
    return sorted(set(DossierEntry.objects.values_list("kind", "date")))


def test_the_default_levels_are_the_four_tiers_in_order():
    assert [(lv.name, lv.tier) for lv in SentimentLevel.objects.all()] == [
        ("本级", "local"),
        ("上级市", "city"),
        ("省", "province"),
        ("全国", "national"),
    ]


def test_each_level_adopted_at_gives_one_entry_per_author_dated_by_its_first_adoption(report, staff, levels):
    services.forwarding_save(report=report, actor=staff, action="forwarded", level=levels["city"], date=DAY)
    assert _kinds() == [(K.SENTIMENT_REPORTED, DAY)]
    for tier, day in (("city", 20), ("city", 25), ("province", 28), ("local", 10)):
        services.forwarding_save(
            report=report, actor=staff, action="adopted", level=levels[tier], date=dt.date(2023, 3, day)
        )
    assert _kinds() == [
        (K.SENTIMENT_ADOPTED_CITY, dt.date(2023, 3, 20)),
        (K.SENTIMENT_ADOPTED_LOCAL, dt.date(2023, 3, 10)),
        (K.SENTIMENT_ADOPTED_PROVINCE, dt.date(2023, 3, 28)),
        (K.SENTIMENT_REPORTED, DAY),
    ]
    assert DossierEntry.objects.filter(kind=K.SENTIMENT_ADOPTED_CITY).count() == 2  # two authors


def test_deleting_the_only_adoption_at_a_level_removes_its_entries(report, staff, levels):
    adoption = services.forwarding_save(
        report=report, actor=staff, action="adopted", level=levels["national"], date=DAY
    )
    assert DossierEntry.objects.filter(kind=K.SENTIMENT_ADOPTED_NATIONAL).count() == 2
    pk = adoption.pk
    services.forwarding_delete(forwarding=adoption, actor=staff)
    assert not DossierEntry.objects.filter(kind=K.SENTIMENT_ADOPTED_NATIONAL).exists()
    deleted = SentimentForwarding.history.filter(id=pk).order_by("-history_id").first()
    assert (deleted.history_type, deleted.history_user) == ("-", staff)


def test_each_instruction_scores_on_its_own_and_leaves_with_its_deletion(report, staff, levels):
    first, second = (
        services.instruction_save(
            report=report,
            actor=staff,
            leader=leader,
            level=levels["city"],
            date=dt.date(2023, 4, 2),
            content="请研究落实",
            department="市住房和城乡建设局",
        )
        for leader in ("市长", "市委书记")
    )
    assert DossierEntry.objects.filter(kind=K.SENTIMENT_INSTRUCTED).count() == 4  # 2 批示 × 2 authors
    services.instruction_delete(instruction=first, actor=staff)
    left = DossierEntry.objects.filter(kind=K.SENTIMENT_INSTRUCTED)
    assert left.count() == 2 and {e.source_id for e in left} == {second.pk}


def test_a_new_author_gets_the_entries_of_the_adoptions_and_instructions_already_there(report, staff, levels):
    services.forwarding_save(report=report, actor=staff, action="adopted", level=levels["city"], date=DAY)
    services.instruction_save(report=report, actor=staff, leader="市长", level=levels["city"], date=DAY)
    newcomer = MemberFactory()
    services.sentiment_update(report=report, actor=staff, authors=[*report.authors.all(), newcomer])
    assert set(DossierEntry.objects.filter(member=newcomer).values_list("kind", flat=True)) == {
        K.SENTIMENT_REPORTED,
        K.SENTIMENT_ADOPTED_CITY,
        K.SENTIMENT_INSTRUCTED,
    }


def test_deleting_a_report_removes_every_entry_it_and_its_instructions_gave(report, staff, levels):
    services.forwarding_save(report=report, actor=staff, action="adopted", level=levels["city"], date=DAY)
    services.instruction_save(report=report, actor=staff, leader="市长", level=levels["city"], date=DAY)
    services.sentiment_delete(report=report, actor=staff)
    assert not DossierEntry.objects.exists()


def test_a_record_dated_before_the_report_is_refused_in_chinese(report, staff, levels):
    with pytest.raises(ValidationError) as refused:
        services.forwarding_save(
            report=report, actor=staff, action="adopted", level=levels["city"], date=dt.date(2023, 2, 1)
        )
    assert "日期不能早于报送日期" in str(refused.value)
    with pytest.raises(ValidationError):
        services.instruction_save(
            report=report, actor=staff, leader="市长", level=levels["city"], date=dt.date(2023, 2, 1)
        )
    assert not DossierEntry.objects.exclude(kind=K.SENTIMENT_REPORTED).exists()


def test_feedback_before_the_instruction_is_refused(report, staff, levels):
    with pytest.raises(ValidationError):
        services.instruction_save(
            report=report,
            actor=staff,
            leader="市长",
            level=levels["city"],
            date=dt.date(2023, 4, 2),
            feedback="已落实",
            feedback_on=dt.date(2023, 4, 1),
        )


def test_levels_are_renamed_and_may_swap_names_but_not_share_one(staff, levels):
    services.level_rename(names={levels["city"].pk: "郑州市", levels["local"].pk: "荥阳市"}, actor=staff)
    assert SentimentLevel.objects.get(tier="city").name == "郑州市"
    services.level_rename(names={levels["city"].pk: "荥阳市", levels["local"].pk: "郑州市"}, actor=staff)
    assert SentimentLevel.objects.get(tier="local").name == "郑州市"
    with pytest.raises(ValidationError):
        services.level_rename(names={levels["city"].pk: "省", levels["local"].pk: "省"}, actor=staff)
