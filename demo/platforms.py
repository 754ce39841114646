"""The demo platform tree — 1 city, 12 township, 9 village/community platforms and 11 enterprise rooms, as
the report counts them — and consultations of 2022 and 2023 in all four settings."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from members.models import Member
from platforms import services
from platforms.models import Platform, PlatformSession, Township

TOWNSHIPS = (
    ("京城路街道", "street"),
    ("索河街道", "street"),
    ("豫龙镇", "town"),
    ("广武镇", "town"),
    ("王村镇", "town"),
    ("汜水镇", "town"),
    ("高山镇", "town"),
    ("刘河镇", "town"),
    ("崔庙镇", "town"),
    ("贾峪镇", "town"),
    ("城关乡", "township"),
    ("乔楼镇", "town"),
    ("金寨回族乡", "township"),
    ("高村乡", "township"),
)
# The first twelve townships have a platform of their own; the last two have none yet.
WITH_PLATFORM = 12
VILLAGES = (
    ("京城路街道", "桃园社区"),
    ("索河街道", "新田社区"),
    ("豫龙镇", "槐西村"),
    ("广武镇", "南城村"),
    ("王村镇", "王村"),
    ("汜水镇", "口子村"),
    ("高山镇", "竹川村"),
    ("刘河镇", "刘河村"),
    ("崔庙镇", "王宗店村"),
)
ENTERPRISES = (
    ("豫龙镇", "郑州某新材料股份有限公司"),
    ("豫龙镇", "荥阳某机械制造有限公司"),
    ("广武镇", "河南某食品有限公司"),
    ("王村镇", "荥阳某建材有限公司"),
    ("汜水镇", "某阀门有限公司"),
    ("乔楼镇", "某耐材股份有限公司"),
    ("索河街道", "荥阳某物流园"),
    ("京城路街道", "某商贸城"),
    ("贾峪镇", "某石料有限公司"),
    ("高山镇", "某农业科技园"),
    ("城关乡", "某装备制造有限公司"),
)
SETTING_FOR = {
    "village": ("field", "street"),
    "enterprise": ("workshop", "park"),
    "township": ("street", "field"),
    "city": ("street", "park"),
}
TOPICS = {
    "field": ("高标准农田后期管护", "土地流转纠纷化解", "农产品销路对接", "灌溉渠修缮"),
    "street": ("老旧小区加装电梯", "背街小巷环境整治", "社区停车难", "社区养老助餐点建设"),
    "workshop": ("一线职工技能提升", "企业用工难", "厂区周边交通安全", "职工子女入学"),
    "park": ("园区配套服务提升", "园区企业融资对接", "园区物流通道优化", "园区污水处理"),
}
DEPARTMENTS = (
    "镇（街道）党政办、村（社区）两委",
    "市住建局、社区居委会",
    "市人社局、企业工会",
    "市交通运输局、交警大队",
)


def _tree(stdout) -> list[Platform]:
    townships = {}
    for order, (name, kind) in enumerate(TOWNSHIPS, start=1):
        townships[name], _ = Township.objects.get_or_create(
            name=name, defaults={"kind": kind, "order": order}
        )
    city = services.platform_save(
        actor=None,
        name="荥阳市政协“有事好商量”协商议事厅",
        level="city",
        mode="fixed",
        founded_on=dt.date(2021, 3, 1),
        convenor="市政协秘书长",
    )
    platforms = [city]
    by_township = {}
    for name, _kind in TOWNSHIPS[:WITH_PLATFORM]:
        by_township[name] = services.platform_save(
            actor=None,
            name=f"{name}“有事好商量”协商议事室",
            level="township",
            parent=city,
            township=townships[name],
            mode="both",
            founded_on=dt.date(2021, 6, 1),
            convenor=f"{name}政协联络组组长",
        )
        platforms.append(by_township[name])
    for township, village in VILLAGES:
        platforms.append(
            services.platform_save(
                actor=None,
                name=f"{village}协商议事站",
                level="village",
                parent=by_township[township],
                mode="fixed",
                founded_on=dt.date(2022, 3, 1),
                convenor=f"{village}党支部书记",
            )
        )
    for township, firm in ENTERPRISES:
        platforms.append(
            services.platform_save(
                actor=None,
                name=f"{firm}协商议事室",
                level="enterprise",
                parent=by_township[township],
                mode="fixed",
                founded_on=dt.date(2022, 5, 1),
                convenor="企业工会主席",
            )
        )
    stdout.write("协商议事平台：市级 1 个、乡镇（街道）级 12 个、村（社区）级 9 个，企业协商议事室 11 家")
    return platforms


def seed_platforms(stdout) -> None:
    if Platform.objects.exists():
        return
    platforms = _tree(stdout)
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("pk"))
    rng = random.Random("platforms")
    today = timezone.localdate()
    count = 0
    for year in (2022, 2023):
        for index in range(40):
            platform = platforms[(index * 7 + year) % len(platforms)]
            setting = SETTING_FOR[platform.level][index % 2] if index % 9 else "other"
            pool = TOPICS.get(setting, TOPICS["street"])
            day = dt.date(year, 1, 15) + dt.timedelta(days=(index * 8) % 330)
            due = day + dt.timedelta(days=rng.choice((30, 60, 90)))
            session = services.session_save(
                actor=None,
                platform=platform,
                date=day,
                topic=rng.choice(pool),
                setting=setting,
                members=rng.sample(members, rng.randrange(2, 6)),
                residents=rng.randrange(8, 60),
                departments=rng.choice(DEPARTMENTS),
                agreed="形成协商意见，明确责任单位和办理时限。",
                follow_up_due=due,
            )
            roll = rng.random()
            if roll < 0.88:
                services.follow_up_advance(
                    session=session,
                    to=PlatformSession.FollowUp.IN_PROGRESS,
                    notes="责任单位已着手办理。",
                    actor=None,
                )
                done = min(due - dt.timedelta(days=5), today)
                services.follow_up_advance(
                    session=session,
                    to=PlatformSession.FollowUp.DONE,
                    notes="已按协商意见办结，群众满意。",
                    on=done,
                    actor=None,
                )
            elif roll < 0.95:
                services.follow_up_advance(
                    session=session,
                    to=PlatformSession.FollowUp.IN_PROGRESS,
                    notes="正在协调相关部门。",
                    actor=None,
                )
            count += 1
    stdout.write(f"协商活动：{count} 次（街区、园区、车间、田间协商），含逾期未办结的事项")
