"""The demo register: term, sectors, committees, 250 members and the three demo accounts."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from simple_history.utils import bulk_create_with_history

from cppcc.access import LEADER_GROUP, MEMBER_GROUP, STAFF_GROUP
from members.models import Member, Sector, SpecialCommittee, Term
from members.validators import id_check_digit

SEED = 20230720
DEMO_PASSWORD = "Demo@2023"
MEMBER_COUNT = 250
STANDING_COUNT = 35
REGION_CODE = "410182"  # 荥阳市 in the national administrative division codes

SECTORS = (
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "无党派人士",
    "共青团",
    "工会",
    "妇联",
    "工商联",
    "科技界",
    "教育界",
    "经济界",
    "农业界",
    "医药卫生界",
    "文化艺术界",
    "社会福利和社会保障界",
    "少数民族界",
    "宗教界",
)
# Larger sectors get more seats, as in a real county committee.
SECTOR_WEIGHTS = (30, 5, 6, 8, 6, 5, 3, 5, 8, 6, 8, 8, 14, 12, 18, 30, 16, 16, 10, 8, 6, 4)
COMMITTEES = (
    ("提案委员会", "提案委"),
    ("经济科技委员会", "经科委"),
    ("农业和农村委员会", "农业农村委"),
    ("人口资源环境委员会", "人资环委"),
    ("教科卫体委员会", "教科卫体委"),
    ("文化文史和学习委员会", "文史委"),
    ("社会法制和民族宗教委员会", "社法民宗委"),
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红梅玉兰德福春晓鹏辉宇浩然欣怡子涵雨轩博文思远嘉豪婷雪琳晨阳海燕立新振华卫东爱民永红冬梅建军"
ETHNICITIES = ("汉族",) * 18 + ("回族", "满族")
EMPLOYERS = (
    "荥阳市人民医院",
    "荥阳市第一高级中学",
    "郑州上街区某机械有限公司",
    "荥阳市农业农村局",
    "荥阳市广武镇人民政府",
    "河南某新材料股份有限公司",
    "荥阳市城关乡中心学校",
    "荥阳市中医院",
    "荥阳市文化馆",
    "荥阳市某律师事务所",
    "荥阳市高山镇某农业专业合作社",
    "荥阳市工商业联合会",
    "荥阳市总工会",
    "荥阳市妇女联合会",
    "荥阳市某建筑工程有限公司",
    "荥阳市豫龙镇某社区",
    "荥阳市科学技术局",
    "荥阳市某会计师事务所",
    "荥阳市京城路街道办事处",
    "荥阳市某食品有限公司",
)
POSITIONS = (
    "董事长",
    "总经理",
    "院长",
    "校长",
    "副主任",
    "主任医师",
    "教师",
    "律师",
    "站长",
    "理事长",
    "社区书记",
    "副局长",
    "工程师",
)

TERMS = (
    (5, "第五届", dt.date(2016, 12, 20), dt.date(2021, 12, 19), False),
    (6, "第六届", dt.date(2021, 12, 20), None, True),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    group: str


# The committee's leadership sits first on the roster: 主席, four 副主席 and the 秘书长.
OFFICES = (Member.Office.CHAIR, *[Member.Office.VICE_CHAIR] * 4, Member.Office.SECRETARY_GENERAL)
PARTIES = (
    "中共党员",
    "民革党员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "无党派人士",
    "群众",
)
PARTY_WEIGHTS = (40, 4, 6, 5, 5, 4, 3, 5, 12, 16)

ACCOUNTS = (
    DemoAccount("staff", "刘敏", STAFF_GROUP),
    DemoAccount("leader", "陈建国", LEADER_GROUP),
    DemoAccount("member", "", MEMBER_GROUP),
)


def _id_number(birth: dt.date, male: bool, seq: int) -> str:
    # The 17th digit is odd for men, even for women; `seq` keeps every number distinct.
    first17 = f"{REGION_CODE}{birth:%Y%m%d}{seq * 2 + (1 if male else 0):03d}"
    return first17 + id_check_digit(first17)


def _names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.75 else "")
        name = rng.choice(SURNAMES) + given
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _reference_data() -> tuple[dict[str, Sector], list[SpecialCommittee], Term]:
    for number, name, start, end, current in TERMS:
        Term.objects.get_or_create(
            number=number,
            defaults={"name": name, "start_date": start, "end_date": end, "is_current": current},
        )
    sectors = {}
    for order, name in enumerate(SECTORS, start=1):
        sectors[name], _ = Sector.objects.get_or_create(name=name, defaults={"order": order})
    committees = []
    for order, (name, short) in enumerate(COMMITTEES, start=1):
        committee, _ = SpecialCommittee.objects.get_or_create(
            name=name, defaults={"short_name": short, "order": order}
        )
        committees.append(committee)
    return sectors, committees, Term.objects.get(number=6)


def _members(sectors: dict[str, Sector], committees: list[SpecialCommittee], term: Term) -> list[Member]:
    rng = random.Random(SEED)
    # The fuller register's details come from a generator of their own, so that the names, sectors
    # and committees stay those the demo has always had.
    details = random.Random(SEED + 1)
    names = _names(rng, MEMBER_COUNT)
    sector_list = [sectors[name] for name in SECTORS]
    members = []
    for index, name in enumerate(names):
        male = rng.random() < 0.62
        birth = dt.date(1958, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 30))
        sector = rng.choices(sector_list, weights=SECTOR_WEIGHTS)[0]
        members.append(
            Member(
                name=name,
                gender=Member.Gender.MALE if male else Member.Gender.FEMALE,
                ethnicity=rng.choice(ETHNICITIES),
                birth_date=birth,
                id_number=_id_number(birth, male, index),
                phone=f"13{(700000000 + index * 7919 + rng.randrange(0, 7000)) % 1000000000:09d}",
                term=term,
                joined_on=term.start_date,
                sector=sector,
                # About one member in twelve belongs to no special committee, as in real registers.
                committee=rng.choice(committees) if rng.random() < 0.92 else None,
                is_standing=index < STANDING_COUNT,
                office=OFFICES[index]
                if index < len(OFFICES)
                else (Member.Office.STANDING if index < STANDING_COUNT else Member.Office.MEMBER),
                party=details.choices(PARTIES, weights=PARTY_WEIGHTS)[0],
                education=details.choices(Member.Education.values, weights=(4, 18, 50, 18, 8, 2))[0],
                employer=rng.choice(EMPLOYERS),
                position=rng.choice(POSITIONS),
            )
        )
    return members


def _accounts(member_for_login: Member) -> list[tuple[DemoAccount, str]]:
    User = get_user_model()
    made = []
    for account in ACCOUNTS:
        full_name = account.full_name or member_for_login.name
        user, created = User.objects.get_or_create(
            username=account.username, defaults={"first_name": full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get_or_create(name=account.group)[0])
        made.append((account, full_name))
    member_user = User.objects.get(username="member")
    if member_for_login.user_id != member_user.pk:
        Member.objects.filter(pk=member_for_login.pk).update(user=member_user)
    _every_member_logs_in()
    return made


def _every_member_logs_in() -> None:
    """Every demo member has a login (their phone number, the demo password), as after the office
    has handed out account slips and members have chosen their passwords."""
    User = get_user_model()
    waiting = list(Member.objects.filter(user__isnull=True).exclude(phone=""))
    taken = set(
        User.objects.filter(username__in=[m.phone for m in waiting]).values_list("username", flat=True)
    )
    waiting = [m for m in waiting if m.phone not in taken]
    if not waiting:
        return
    hashed = make_password(DEMO_PASSWORD)  # one hash for all: the same known demo password
    users = User.objects.bulk_create(
        User(username=m.phone, first_name=m.name, password=hashed) for m in waiting
    )
    by_name = {u.username: u for u in User.objects.filter(username__in=[u.username for u in users])}
    group = Group.objects.get_or_create(name=MEMBER_GROUP)[0]
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=u.pk, group_id=group.pk) for u in by_name.values()
    )
    for member in waiting:
        member.user = by_name[member.phone]
    Member.objects.bulk_update(waiting, ["user"], batch_size=500)


def seed_register(stdout) -> Member:
    """Returns the member the demo account `member` logs in as."""
    sectors, committees, term = _reference_data()
    planned = _members(sectors, committees, term)
    existing = set(
        Member.objects.filter(id_number__in=[m.id_number for m in planned]).values_list(
            "id_number", flat=True
        )
    )
    missing = [m for m in planned if m.id_number not in existing]
    if missing:
        bulk_create_with_history(missing, Member, batch_size=500)
    stdout.write(
        f"委员：新增 {len(missing)} 人，名册共 {Member.objects.count()} 人"
        f"（常委 {Member.objects.filter(is_standing=True).count()} 人）"
    )
    login_member = Member.objects.get(id_number=planned[STANDING_COUNT].id_number)
    accounts = _accounts(login_member)
    stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
    for account, full_name in accounts:
        stdout.write(f"  {account.group}：{account.username}（{full_name}）")
    login_member.refresh_from_db()
    return login_member
