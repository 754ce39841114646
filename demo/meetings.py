"""Demo meetings and activities with filled sign-in sheets: the source report's own, and a plausible rest."""

from __future__ import annotations

import datetime as dt
import random

from consultations import services
from consultations.models import Attendance, Meeting, MeetingKind
from members.kinds import AdoptionLevel
from members.models import Member, SpecialCommittee, Term

K = MeetingKind
D = dt.date

# (kind, date, end, number, title, topic, place, topical, organiser committee (short), invitees)
# invitees: "all", "standing", "committee", "chairs", or a number of members.
REPORT_2023 = (
    (K.PLENARY, D(2023, 1, 8), D(2023, 1, 11), 3, "", "", "荥阳市会议中心", False, None, "all"),
    (K.STANDING, D(2023, 1, 7), None, 6, "", "审议全体会议有关事项", "市政协常委会议室", False, None, "standing"),
    (K.STANDING, D(2023, 4, 25), None, 7, "", "装备制造、新材料重点产业链发展", "市政协常委会议室", True, "经科委", "standing"),
    (K.STANDING, D(2023, 7, 20), None, 8, "", "安置房建设和“保交楼”工作", "市政协常委会议室", True, "社法民宗委", "standing"),
    (K.STANDING, D(2023, 10, 26), None, 9, "", "民营经济发展", "市政协常委会议室", True, "经科委", "standing"),
    (K.TRAINING, D(2023, 4, 15), D(2023, 4, 20), None, "政协委员暨政协系统干部素能提升培训班", "增强党性、提高素质、增长本领",
     "延安干部培训学院", False, None, 96),
    (K.EVALUATION, D(2023, 5, 5), None, None, "“有事好商量”协商平台建设工作观摩讲评会", "协商议事平台建设", "各乡镇（街道）协商议事室",
     False, "社法民宗委", 40),
    (K.INSPECTION, D(2023, 3, 16), None, None, "", "历史文化资源传承保护与开发利用", "大海寺、故城遗址", False, "文史委", "committee"),
    (K.INSPECTION, D(2023, 5, 23), None, None, "", "新建扩建学校项目建设", "城区新建学校项目现场", False, "教科卫体委", "committee"),
    (K.INSPECTION, D(2023, 6, 13), None, None, "", "园林绿化养护", "城区公园和主干道", False, "人资环委", "committee"),
    (K.CONSULTATION, D(2023, 9, 12), None, None, "", "养老服务体系建设", "市政协会议室", False, "社法民宗委", 45),
    (K.CONSULTATION, D(2023, 11, 8), None, None, "", "民营经济发展", "市政协会议室", False, "经科委", 45),
    (K.ACTIVITY, D(2023, 6, 28), None, None, "书法摄影比赛", "学习贯彻党的二十大精神、庆祝建党102周年", "市政协机关", False,
     "文史委", 32),
    (K.STUDY, D(2023, 2, 20), None, None, "“第一议题”学习", "学习习近平总书记关于加强和改进人民政协工作的重要思想", "市政协机关",
     False, None, "standing"),
    (K.STUDY, D(2023, 8, 18), None, None, "“第一议题”学习", "学习贯彻党的二十大精神", "市政协机关", False, None, "standing"),
    (K.CHAIR, D(2023, 3, 2), None, None, "主席会议", "研究年度调研课题", "市政协机关", False, None, "chairs"),
    (K.PARTY_GROUP, D(2023, 2, 6), None, None, "党组会议", "传达学习上级会议精神", "市政协机关", False, None, "chairs"),
)
EARLIER = (
    (K.PLENARY, D(2021, 12, 20), D(2021, 12, 23), 1, "", "", "荥阳市会议中心", False, None, "all"),
    (K.STANDING, D(2021, 12, 23), None, 1, "", "选举产生专门委员会组成人员", "荥阳市会议中心", False, None, "standing"),
    (K.PLENARY, D(2022, 1, 9), D(2022, 1, 12), 2, "", "", "荥阳市会议中心", False, None, "all"),
    (K.STANDING, D(2022, 1, 8), None, 2, "", "审议全体会议有关事项", "市政协常委会议室", False, None, "standing"),
    (K.STANDING, D(2022, 4, 22), None, 3, "", "乡村振兴战略实施", "市政协常委会议室", True, "农业农村委", "standing"),
    (K.STANDING, D(2022, 7, 21), None, 4, "", "优化营商环境", "市政协常委会议室", True, "经科委", "standing"),
    (K.STANDING, D(2022, 10, 27), None, 5, "", "城市更新和老旧小区改造", "市政协常委会议室", True, "人资环委", "standing"),
    (K.INSPECTION, D(2022, 5, 18), None, None, "", "高标准农田建设", "高山镇、广武镇", False, "农业农村委", "committee"),
    (K.INSPECTION, D(2022, 9, 14), None, None, "", "基层医疗卫生服务能力", "乡镇卫生院", False, "教科卫体委", "committee"),
    (K.CONSULTATION, D(2022, 11, 10), None, None, "", "河道综合治理", "市政协会议室", False, "人资环委", 40),
    (K.TRAINING, D(2022, 6, 8), D(2022, 6, 10), None, "新任委员履职培训班", "政协理论和履职能力", "市委党校", False, None, 80),
    (K.STUDY, D(2022, 3, 21), None, None, "“第一议题”学习", "学习习近平总书记重要讲话精神", "市政协机关", False, None, "standing"),
    (K.CHAIR, D(2022, 3, 3), None, None, "主席会议", "研究年度协商计划", "市政协机关", False, None, "chairs"),
)
OUTCOMES = {
    "装备制造、新材料重点产业链发展": ("关于推动装备制造和新材料重点产业链发展的建议", "市委主要领导",
                          "建议很有针对性，请市工信局牵头研究吸纳，推动产业链补链强链。"),
    "安置房建设和“保交楼”工作": ("关于加快安置房建设和做好“保交楼”工作的建议", "市委主要领导",
                        "协商成果有深度、有价值，请市住建局会同有关部门逐条研究落实。"),
}


def _invitees(rng: random.Random, spec, members: list[Member], committees: dict[str, SpecialCommittee],
              organiser: SpecialCommittee | None) -> list[Member]:
    if spec == "all":
        return members
    if spec == "standing":
        return [m for m in members if m.is_standing]
    if spec == "chairs":
        return [m for m in members if m.is_standing][:9]
    if spec == "committee":
        own = [m for m in members if m.committee_id == (organiser.pk if organiser else None)]
        return own + [m for m in members if m.is_standing and m not in own][:6]
    return rng.sample(members, spec)


def _fill(rng: random.Random, meeting: Meeting, kind: str) -> None:
    rows = {}
    lines = list(meeting.attendances.all())
    for a in lines:
        roll = rng.random()
        if roll < 0.06:
            rows[a.member_id] = services.SheetRow(Attendance.Status.LEAVE, rng.choice(("因公出差", "身体原因", "工作冲突")))
        elif roll < 0.085:
            rows[a.member_id] = services.SheetRow(Attendance.Status.ABSENT)
        else:
            speech = ""
            if kind in (K.PLENARY, K.STANDING, K.CONSULTATION):
                r = rng.random()
                speech = "oral" if r < 0.04 else "written" if r < 0.12 else ""
            rows[a.member_id] = services.SheetRow(Attendance.Status.PRESENT, speech=speech)
    services.sheet_save(meeting=meeting, rows=rows, version=meeting.sheet_version, actor=None)


def seed_meetings(stdout, login_member: Member) -> None:
    if Meeting.objects.exists():
        return
    term = Term.objects.get(is_current=True)
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("pk"))
    committees = {c.short_name: c for c in SpecialCommittee.objects.all()}
    rng = random.Random("meetings")
    count = 0
    for kind, start, end, number, title, topic, place, topical, organiser, invitees in EARLIER + REPORT_2023:
        committee = committees.get(organiser) if organiser else None
        meeting = services.meeting_create(
            actor=None, kind=kind, term=term, number=number, title=title, topic=topic, is_topical=topical,
            start_date=start, end_date=end, place=place, organiser_committee=committee,
        )
        people = _invitees(rng, invitees, members, committees, committee)
        if kind in (K.PLENARY, K.TRAINING) and login_member not in people:
            people = [*people, login_member]
        services.meeting_invite(meeting=meeting, members=people, actor=None)
        meeting.refresh_from_db()
        _fill(rng, meeting, kind)
        if topic in OUTCOMES:
            name, leader, words = OUTCOMES[topic]
            outcome = services.outcome_create(meeting=meeting, actor=None, title=name, content="提出意见建议若干条。",
                                              sent_to="中共荥阳市委、荥阳市人民政府", sent_on=start + dt.timedelta(days=10))
            services.instruction_create(outcome=outcome, actor=None, leader=leader, level=AdoptionLevel.CITY,
                                        date=start + dt.timedelta(days=18), content=words)
        count += 1
    stdout.write(f"会议活动：{count} 次（含六届八次常委会会议、素能提升培训班、观摩讲评会），签到表已填写")
