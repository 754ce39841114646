"""The demo's 社情民意: reports a year, forwarded and adopted at one or two levels, 批示 with their
follow-up, and (for the chain year) the issues of 《社情民意》 the office compiled."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from members.models import Member
from sentiments import services as sentiments
from sentiments.models import SentimentLevel, SentimentReport

SENTIMENT_SUBJECTS = (
    "城区部分路段早晚高峰拥堵",
    "农村留守老人照护力量不足",
    "小区电动自行车充电难",
    "部分学校周边交通安全隐患",
    "农产品销售渠道单一",
    "老旧小区加装电梯推进慢",
    "基层医生队伍不稳定",
    "中小企业融资难融资贵",
    "乡村公共文化设施利用率低",
    "城乡接合部环境卫生",
    "新就业形态劳动者权益保障",
    "高标准农田后期管护",
    "社区养老服务站运营困难",
    "青年人才住房保障",
    "汛期城市内涝防治",
)

# Who adopts at each tier, and who follows up a 批示: the demo committee is 荥阳 (a county-level city
# under 郑州, in 河南).
ADOPTERS = {"local": "荥阳市委办公室", "city": "郑州市政协", "province": "河南省政协", "national": "全国政协"}
INSTRUCTIONS = (
    ("市委主要领导", "local", "荥阳市住房和城乡建设局"),
    ("郑州市分管副市长", "city", "荥阳市教育局"),
    ("市政府主要领导", "local", "荥阳市卫生健康委员会"),
    ("省政协领导", "province", "荥阳市农业农村局"),
)


def seed_sentiments(
    rng: random.Random, year: int, members: list[Member], login_member: Member, *, compile_issues: bool
) -> int:
    sentiments.install_default_levels()  # a database emptied by a transactional test has none
    levels = {level.tier: level for level in SentimentLevel.objects.all()}
    today = timezone.localdate()
    count = 0
    for index in range(230):
        authors = [login_member] if index < 2 else rng.sample(members, rng.choice((1, 1, 2, 2, 3)))
        reported = dt.date(year, 1, 15) + dt.timedelta(days=rng.randrange(0, 330))
        subject = rng.choice(SENTIMENT_SUBJECTS)
        report = sentiments.sentiment_create(
            actor=None,
            authors=authors,
            year=year,
            title=f"关于{subject}问题的反映（{year}-{index + 1:03d}）",
            reported_on=reported,
            content=f"近期群众反映{subject}，影响日常生产生活，相关部门虽已采取措施，但问题仍较突出。",
            suggestion="建议有关部门深入调研，明确责任分工，制定切实可行的解决方案并限期落实。",
        )
        count += 1
        roll = rng.random()
        if roll < 0.01 or index == 0:
            tiers = ["city", "national" if roll < 0.01 else "province"]
        elif roll < 0.09:
            tiers = ["city", "province"] if rng.random() < 0.5 else ["province"]
        elif roll < 0.38:
            tiers = ["city"]
        else:
            tiers = []
        if rng.random() < 0.2:
            tiers.insert(0, "local")
        day = reported
        for tier in tiers:
            day = min(day + dt.timedelta(days=rng.randrange(3, 12)), today)
            if tier != "local":
                sentiments.forwarding_save(
                    report=report,
                    actor=None,
                    action="forwarded",
                    level=levels[tier],
                    date=day,
                    body=ADOPTERS[tier],
                )
            day = min(day + dt.timedelta(days=rng.randrange(5, 20)), today)
            sentiments.forwarding_save(
                report=report, actor=None, action="adopted", level=levels[tier], date=day, body=ADOPTERS[tier]
            )
        if tiers and rng.random() < 0.15:
            for leader, tier, department in rng.sample(INSTRUCTIONS, rng.choice((1, 1, 2))):
                on = min(day + dt.timedelta(days=7), today)
                feedback_on = on + dt.timedelta(days=30)
                done = feedback_on <= today
                sentiments.instruction_save(
                    report=report,
                    actor=None,
                    leader=leader,
                    level=levels[tier],
                    date=on,
                    content="请有关部门认真研究，提出解决措施。",
                    department=department,
                    feedback="已召开专题会议研究，整改措施正在落实。" if done else "",
                    feedback_on=feedback_on if done else None,
                )
    if compile_issues:
        _issues(year)
    return count


# 编报: the office compiles the quarter's adopted reports into an issue of 《社情民意》.
ISSUES = (
    (dt.date(2023, 3, 31), "一季度社情民意专报"),
    (dt.date(2023, 6, 30), "民生热点专刊"),
    (dt.date(2023, 9, 28), "乡村振兴专刊"),
    (dt.date(2023, 12, 15), "四季度社情民意专报"),
)


def _issues(year: int) -> None:
    adopted = list(
        SentimentReport.objects.filter(year=year, forwardings__action="adopted")
        .distinct()
        .order_by("reported_on", "pk")
    )
    taken: set[int] = set()
    today = timezone.localdate()
    for number, (day, title) in enumerate(ISSUES, start=1):
        day = min(day, today)
        chosen = [r for r in adopted if r.reported_on <= day and r.pk not in taken][:6]
        if not chosen:
            continue
        taken.update(r.pk for r in chosen)
        sentiments.issue_create(
            actor=None,
            year=year,
            number=number,
            date=day,
            title=title,
            note="现将近期委员反映的社情民意信息编发如下，供领导参阅。",
            reports=chosen,
        )
