"""Demo proposals, 社情民意 and members' own deeds and visits for each demo year."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from evaluation import services as evaluation
from evaluation.models import ScoringScheme
from members.kinds import ActivityKind
from members.models import DossierEntry, EntryAttachment, Member
from proposals import services
from proposals.models import Proposal
from sentiments import services as sentiments
from sentiments.models import SentimentLevel, SentimentReport

from . import handling

TOPICS = (
    "装备制造产业链发展",
    "新材料重点产业集群培育",
    "安置房建设和“保交楼”工作",
    "历史文化资源传承保护与开发利用",
    "新建扩建学校项目建设",
    "园林绿化养护",
    "养老服务体系建设",
    "民营经济高质量发展",
    "金融业发展",
    "民生实事落实",
    "人才引进和培养",
    "文化强市建设",
    "生态文明建设",
    "农村人居环境整治",
    "城区停车设施建设",
    "智慧社区建设",
    "食品安全监管",
    "乡村旅游发展",
    "老旧小区改造",
    "中小学生心理健康教育",
    "基层医疗服务能力提升",
    "营商环境优化",
    "河道综合治理",
    "公共文化服务体系建设",
    "农产品品牌建设",
    "职业教育与产业融合",
)
OPENINGS = ("关于加快", "关于进一步推进", "关于加强", "关于完善", "关于推动", "关于做好")
UNITS = (
    "市发展和改革委员会",
    "市教育局",
    "市住房和城乡建设局",
    "市民政局",
    "市自然资源和规划局",
    "市农业农村局",
    "市文化广电和旅游局",
    "市卫生健康委员会",
    "市工业和信息化局",
    "市城市管理局",
    "市市场监督管理局",
    "市生态环境局",
    "市财政局",
    "市人力资源和社会保障局",
)
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
DEEDS = (
    "协调解决小区路灯维修",
    "为困难群众联系就医",
    "走访慰问孤寡老人",
    "帮助农户对接农产品销路",
    "为村小学捐赠图书",
    "义诊进社区",
    "开展法律咨询进村",
    "协调修复村内破损道路",
    "帮助企业解决用工难题",
    "组织爱心助学",
)
VISITS = (
    "走访界别群众听取意见",
    "走访辖区企业了解生产经营",
    "走访社区了解老旧小区改造诉求",
    "走访农户了解种植情况",
    "走访学校了解办学条件",
    "走访养老机构了解运营情况",
)
PLENARY_DAY = {2022: dt.date(2022, 1, 9), 2023: dt.date(2023, 1, 8)}
# From this year on the proposals go through the handling chain (demo/handling.py); earlier years were
# typed in afterwards with their states only.
CHAIN_YEAR = 2023


def _proposals(rng: random.Random, year: int, members: list[Member], login_member: Member) -> int:
    plenary = PLENARY_DAY[year]
    # A few members write most proposals, as in every committee.
    weights = [rng.choice((1, 1, 2, 2, 3, 4)) for _ in members]
    count = 0
    made: list[Proposal] = []
    for number in range(1, 181):
        lead = login_member if number <= 3 else rng.choices(members, weights=weights)[0]
        others = [m for m in rng.sample(members, 6) if m.pk != lead.pk]
        cosigners = others[: rng.choice((0, 1, 2, 3, 4, 5))]
        submitted = plenary + dt.timedelta(
            days=rng.choice((0, 0, 0, 1, 2)) if number <= 150 else rng.randrange(20, 300)
        )
        proposal = services.proposal_create(
            actor=None,
            cosigners=cosigners,
            year=year,
            number=number,
            title=f"{rng.choice(OPENINGS)}{rng.choice(TOPICS)}的建议",
            lead=lead,
            submitted_on=submitted,
            content="",
        )
        count += 1
        if year >= CHAIN_YEAR:
            made.append(proposal)
            continue
        roll = rng.random()
        decided = submitted + dt.timedelta(days=rng.randrange(10, 30))
        if roll < 0.12:
            services.proposal_transition(
                proposal=proposal,
                to=Proposal.Status.NOT_FILED,
                on=decided,
                actor=None,
                reason="属于一般性工作建议，转有关部门参考",
            )
        elif roll < 0.97:
            services.proposal_transition(proposal=proposal, to=Proposal.Status.FILED, on=decided, actor=None)
            assigned = decided + dt.timedelta(days=rng.randrange(3, 10))
            services.proposal_transition(
                proposal=proposal,
                to=Proposal.Status.ASSIGNED,
                on=assigned,
                actor=None,
                handling_unit=rng.choice(UNITS),
            )
            answered = assigned + dt.timedelta(days=rng.randrange(30, 90))
            if answered <= min(dt.date(year, 12, 31), timezone.localdate()) and rng.random() < 0.9:
                services.proposal_transition(
                    proposal=proposal,
                    to=Proposal.Status.ANSWERED,
                    on=answered,
                    actor=None,
                    answer="已研究办理，相关工作纳入年度计划推进。",
                )
            proposal.refresh_from_db()
            if rng.random() < 0.08 or number == 1:
                proposal.is_key = True
            if rng.random() < 0.05:
                proposal.is_excellent = True
            if proposal.is_key or proposal.is_excellent:
                services.proposal_update(
                    proposal=proposal, actor=None, cosigners=list(proposal.cosigners.all())
                )
    if made:
        made += handling.collective(year, len(made) + 1, plenary + dt.timedelta(days=1))
        handling.run_chain(year, made, UNITS, timezone.localdate())
        handling.drafts(year, login_member, members)
    return count


# Who adopts at each tier, and who follows up a 批示: the demo committee is 荥阳 (a county-level city
# under 郑州, in 河南).
ADOPTERS = {"local": "荥阳市委办公室", "city": "郑州市政协", "province": "河南省政协", "national": "全国政协"}
INSTRUCTIONS = (
    ("市委主要领导", "local", "荥阳市住房和城乡建设局"),
    ("郑州市分管副市长", "city", "荥阳市教育局"),
    ("市政府主要领导", "local", "荥阳市卫生健康委员会"),
    ("省政协领导", "province", "荥阳市农业农村局"),
)


def _sentiments(rng: random.Random, year: int, members: list[Member], login_member: Member) -> int:
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
    if year == max(PLENARY_DAY):
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


def _deeds_and_visits(rng: random.Random, year: int, members: list[Member], login_member: Member) -> int:
    today = timezone.localdate()
    entries = []
    for member in members:
        for kind, pool, most in ((ActivityKind.PUBLIC_SERVICE, DEEDS, 4), (ActivityKind.VISIT, VISITS, 5)):
            for _ in range(rng.randrange(0, most + 1)):
                day = min(dt.date(year, 2, 1) + dt.timedelta(days=rng.randrange(0, 320)), today)
                roll = rng.random()
                status = DossierEntry.Status.CONFIRMED
                note = ""
                if year == max(PLENARY_DAY) and roll < 0.05:
                    status = DossierEntry.Status.PENDING
                elif roll < 0.07:
                    status, note = DossierEntry.Status.REJECTED, "缺少服务对象和成效说明，请补充后重新填报"
                entries.append(
                    DossierEntry(
                        member=member,
                        year=year,
                        date=day,
                        kind=kind,
                        title=rng.choice(pool),
                        description="",
                        status=status,
                        review_note=note,
                        created_by=member.user,
                    )
                )
    entries.append(
        DossierEntry(
            member=login_member,
            year=year,
            date=min(dt.date(year, 11, 20), today),
            kind=ActivityKind.PUBLIC_SERVICE,
            title="协调解决社区老年食堂用餐难题",
            description="与街道、社区三方协商，新增助餐点一处。",
            status=DossierEntry.Status.PENDING,
            created_by=login_member.user,
        )
    )
    DossierEntry.objects.bulk_create(entries, batch_size=1000)
    if year == max(PLENARY_DAY):
        _photos(rng, login_member)
    return len(entries)


def _photos(rng: random.Random, login_member: Member) -> None:
    """Pictures on a few reports waiting for review, as members take them on a phone."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    waiting = list(DossierEntry.objects.filter(status=DossierEntry.Status.PENDING).order_by("pk"))
    chosen = [e for e in waiting if e.member_id == login_member.pk] + waiting[:5]
    for entry in dict.fromkeys(chosen):
        for n in range(rng.choice((1, 2, 3))):
            image = Image.new("RGB", (1200, 900), rng.choice(("#c9d6df", "#e8d5b5", "#b5d3c0", "#d8c3d9")))
            ImageDraw.Draw(image).rectangle((200 + n * 60, 180, 1000, 720), outline="#7a1212", width=12)
            out = BytesIO()
            image.save(out, "JPEG", quality=80)
            attachment = EntryAttachment(entry=entry, kind=EntryAttachment.Kind.JPG, size=out.tell())
            attachment.file.save("proof.jpg", ContentFile(out.getvalue()), save=False)
            attachment.save()


def seed_submissions(stdout, years: tuple[int, ...], login_member: Member) -> None:
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("pk"))
    for year in years:
        if not ScoringScheme.objects.filter(year=year).exists():
            evaluation.scheme_create_default(year=year)
        # Each year is made in one go: if its proposals exist, the whole year is already there.
        if Proposal.objects.filter(year=year).exists():
            continue
        rng = random.Random(f"submissions-{year}")
        p = _proposals(rng, year, members, login_member)
        s = _sentiments(rng, year, members, login_member)
        d = _deeds_and_visits(rng, year, members, login_member)
        stdout.write(f"{year} 年度：提案 {p} 件，社情民意 {s} 篇，委员填报的办实事和走访 {d} 条")
