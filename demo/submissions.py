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

from . import handling
from . import sentiments as sentiments_demo

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
        s = sentiments_demo.seed_sentiments(
            rng, year, members, login_member, compile_issues=year == max(PLENARY_DAY)
        )
        d = _deeds_and_visits(rng, year, members, login_member)
        stdout.write(f"{year} 年度：提案 {p} 件，社情民意 {s} 篇，委员填报的办实事和走访 {d} 条")
