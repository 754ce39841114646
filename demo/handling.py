"""The 2023 proposals through the whole handling chain, as the 提案委 and the units worked them:
立案 and 不予立案, one 并案, 11 重点提案 with their 督办领导, 主办 + 会办, contact notes, 会办意见,
replies of every class, ratings (one 不满意 → 重新办理), a few overdue; a few drafts left unsent;
and the two handling-unit logins `unit` (市住房和城乡建设局) and `unit2` (市教育局)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from cppcc.access import UNIT_GROUP
from members.models import Member, Sector, SpecialCommittee
from proposals import services
from proposals.models import HandlingUnit, Proposal

from .register import DEMO_PASSWORD
from .research import _pdf

UNIT_ACCOUNTS = (
    ("unit", "住建局提案办理员", "市住房和城乡建设局"),
    ("unit2", "教育局提案办理员", "市教育局"),
)
# 11 重点提案, each supervised by a named leader (督办领导).
KEY_NUMBERS = (1, 12, 25, 38, 47, 59, 66, 80, 91, 104, 118)
SUPERVISORS = ("市长", "常务副市长", "分管城建副市长", "分管教育副市长", "市政协主席", "市政协副主席")
MERGED = (178, 179)  # submitted on the same matter as 177: 并案 into it
REOPENED = 2  # the login member's proposal whose first reply is rated 不满意
CATEGORIES = (
    "economy",
    "economy",
    "society",
    "society",
    "society",
    "culture",
    "ecology",
    "politics",
    "other",
)
LETTER = _pdf("答复函")
# 集体提案 the 提案委 entered for 界别, 专委会 and 党派: they follow the same chain, and staff record
# the bodies' 测评 (rating_save with no member).
COLLECTIVE = (
    ("sector", "教育界", "关于加强县域普通高中建设的建议"),
    ("sector", "医药卫生界", "关于推进紧密型县域医共体建设的建议"),
    ("committee", "经济科技委员会", "关于促进民营经济高质量发展的建议"),
    ("committee", "人口资源环境委员会", "关于加强河道综合治理的建议"),
    ("group", "民盟市委", "关于完善社区养老服务体系的建议"),
    ("group", "市工商联", "关于优化营商环境的建议"),
)


def collective(year: int, first_number: int, day: dt.date) -> list[Proposal]:
    """The year's 集体提案, numbered after the members' proposals."""
    made = []
    for offset, (kind, author, title) in enumerate(COLLECTIVE):
        by_kind: dict[str, dict[str, Any]] = {
            "sector": {"author_sector": Sector.objects.filter(name=author).first()},
            "committee": {"author_committee": SpecialCommittee.objects.filter(name=author).first()},
            "group": {"author_group": author},
        }
        fields = by_kind[kind]
        made.append(
            services.proposal_create(
                actor=None,
                year=year,
                number=first_number + offset,
                title=title,
                author_kind=kind,
                submitted_on=day,
                entered_by_staff=True,
                content="经界别（专委会、党派）集体调研形成。",
                **fields,
            )
        )
    return made


def units(names: tuple[str, ...]) -> list[HandlingUnit]:
    found = [HandlingUnit.objects.get_or_create(name=name)[0] for name in names]
    User = get_user_model()
    group = Group.objects.get_or_create(name=UNIT_GROUP)[0]
    by_name = {u.name: u for u in found}
    for username, full_name, unit_name in UNIT_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(group)
        by_name[unit_name].users.add(user)
    return found


def _letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("答复函.pdf", LETTER)


def run_chain(year: int, proposals: list[Proposal], unit_names: tuple[str, ...], today: dt.date) -> None:
    """Review, assign, handle, reply and rate the year's submitted proposals (dates after each other)."""
    rng = random.Random(f"handling-{year}")
    all_units = units(unit_names)
    by_number = {p.number: p for p in proposals}
    for proposal in proposals:
        services.proposal_update(
            proposal=proposal,
            actor=None,
            cosigners=list(proposal.cosigners.all()),
            category=rng.choice(CATEGORIES),
            suggestions="建议有关部门统筹规划、加大投入、明确责任、限期推进。",
        )
    merge_day = max(p.submitted_on for p in proposals if p.number in (177, *MERGED)) + dt.timedelta(days=12)
    services.proposal_merge(
        lead=by_number[177], others=[by_number[n] for n in MERGED], actor=None, on=merge_day
    )
    for proposal in proposals:
        if proposal.number in MERGED:
            continue
        decided = max(proposal.submitted_on + dt.timedelta(days=rng.randrange(10, 30)), merge_day)
        key = proposal.number in KEY_NUMBERS
        if not key and rng.random() < 0.12:
            services.proposal_not_file(
                proposal=proposal,
                actor=None,
                on=decided,
                reason="属于一般性工作建议",
                conversion=rng.choice(("opinion", "sentiment", "")),
            )
            continue
        supervisor = rng.choice(SUPERVISORS) if key else ""
        services.proposal_file(proposal=proposal, actor=None, on=decided, is_key=key, supervisor=supervisor)
        _handle(rng, proposal, all_units, decided, today)


def _handle(
    rng: random.Random, proposal: Proposal, all_units: list[HandlingUnit], decided: dt.date, today: dt.date
) -> None:
    number = proposal.number or 0
    assigned = decided + dt.timedelta(days=rng.randrange(3, 10))
    lead_unit = all_units[2] if number % 4 == 0 else rng.choice(all_units)
    co = [u for u in rng.sample(all_units, 2) if u != lead_unit][:1] if rng.random() < 0.3 else []
    if number % 9 == 0 and lead_unit != all_units[1]:
        co = [all_units[1]]  # 市教育局 co-handles some of 住建局's, so `unit2` has 会办 to do
    made = services.proposal_assign(
        proposal=proposal, actor=None, on=assigned, lead_unit=lead_unit, co_units=co
    )
    lead = made[0]
    services.assignment_sign(assignment=lead, actor=None, on=assigned + dt.timedelta(days=2))
    method = rng.choice(("phone", "phone", "visit", "meeting"))
    services.handling_note_add(
        assignment=lead,
        actor=None,
        method=method,
        date=assigned + dt.timedelta(days=15),
        note="与提案人沟通办理思路",
    )
    for other in made[1:]:
        services.assignment_sign(assignment=other, actor=None, on=assigned + dt.timedelta(days=3))
        services.assignment_opinion(
            assignment=other,
            actor=None,
            opinion="同意主办单位意见，配合做好相关工作。",
            on=assigned + dt.timedelta(days=20),
        )
    answered = assigned + dt.timedelta(days=rng.randrange(30, 85))
    # A few are still waiting past their three months: overdue.
    if number % 37 == 5 or answered > today:
        return
    category = "ABCD"[number % 4] if number <= 8 else rng.choices("ABCD", (50, 30, 15, 5))[0]
    reply = services.reply_create(
        assignment=lead,
        actor=None,
        category=category,
        replied_on=answered,
        upload=_letter(),
        summary="已研究办理。",
    )
    rated = answered + dt.timedelta(days=10)
    if number == REOPENED:
        services.rating_save(
            reply=reply,
            member=proposal.lead,
            actor=None,
            verdict="unsatisfied",
            comment="答复未提出具体时间表",
            on=rated,
        )
        again = rated + dt.timedelta(days=25)
        second = services.reply_create(
            assignment=lead,
            actor=None,
            category="B",
            replied_on=again,
            upload=_letter(),
            summary="明确了推进时间表。",
        )
        services.rating_save(
            reply=second,
            member=proposal.lead,
            actor=None,
            verdict="satisfied",
            on=again + dt.timedelta(days=5),
        )
        return
    if rng.random() < 0.92:
        verdict = rng.choices(("satisfied", "basic"), (78, 22))[0]
        services.rating_save(reply=reply, member=proposal.lead, actor=None, verdict=verdict, on=rated)
    for cosigner in list(proposal.cosigners.all())[:2]:
        services.rating_save(reply=reply, member=cosigner, actor=None, verdict="satisfied", on=rated)


def drafts(year: int, login_member: Member, members: list[Member]) -> None:
    """Three proposals the login member is still writing; one has a co-signer who agreed."""
    for index, title in enumerate(
        (
            "关于完善社区嵌入式托育服务的建议",
            "关于规范城区共享单车停放的建议",
            "关于加强农村饮水安全保障的建议",
        )
    ):
        draft = services.proposal_draft_save(
            member=login_member,
            actor=None,
            year=year,
            submitted_on=dt.date(year, 12, 1),
            title=title,
            category="society",
            content="",
        )
        if index == 0:
            invitee = next(m for m in members if m.pk != login_member.pk)
            (invitation,) = services.proposal_invite(proposal=draft, members=[invitee], actor=None)
            services.invitation_answer(invitation=invitation, accept=True, actor=None)
