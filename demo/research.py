"""The demo research plans: the report's twelve 2023 topics (nine reports, three instructed) and 2022's."""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import Member, SpecialCommittee
from research import services
from research.models import ResearchTopic

LEADERS = ("主席 王建华", "副主席 李春生", "副主席 赵红梅", "副主席 孙立军", "秘书长 周晓东")
D = dt.date

# title, committee short name, has report, instructed, leader index
PLAN_2023 = (
    ("金融业发展", "经科委", True, False, 1),
    ("民生实事", "社法民宗委", True, False, 2),
    ("人才建设", "教科卫体委", False, False, 3),
    ("文化强市", "文史委", True, False, 2),
    ("生态文明建设", "人资环委", False, False, 4),
    ("安置房建设和“保交楼”工作", "社法民宗委", True, True, 0),
    ("装备制造和新材料", "经科委", True, True, 0),
    ("历史文化资源传承保护与开发利用", "文史委", True, False, 3),
    ("新建扩建学校项目建设", "教科卫体委", True, False, 1),
    ("园林绿化养护", "人资环委", False, False, 4),
    ("养老服务体系建设", "社法民宗委", True, False, 2),
    ("民营经济发展", "经科委", True, True, 1),
)
PLAN_2022 = (
    ("乡村振兴战略实施", "农业农村委", True, True, 0),
    ("优化营商环境", "经科委", True, False, 1),
    ("基层医疗卫生服务能力", "教科卫体委", True, False, 3),
    ("城市更新和老旧小区改造", "人资环委", True, False, 4),
    ("河道综合治理", "人资环委", True, False, 2),
    ("职业教育与产业融合", "教科卫体委", True, False, 3),
    ("农产品品牌建设", "农业农村委", False, False, 1),
    ("公共文化服务体系建设", "文史委", False, False, 2),
)
INSTRUCTIONS = {
    "安置房建设和“保交楼”工作": (
        "市委主要领导",
        "报告有深度、有价值，请市住建局牵头逐条研究落实。",
        "市住房和城乡建设局",
    ),
    "装备制造和新材料": (
        "市委主要领导",
        "请市工信局认真研究报告提出的建议，纳入产业链发展规划。",
        "市工业和信息化局",
    ),
    "民营经济发展": ("市委主要领导", "请市发改委会同有关部门抓好落实。", "市发展和改革委员会"),
    "乡村振兴战略实施": ("市委主要领导", "请市农业农村局研究吸纳。", "市农业农村局"),
}


def _pdf(title: str) -> bytes:
    """A minimal one-page PDF standing in for a report file (the demo has no real documents)."""
    body = b"BT /F1 18 Tf 72 720 Td (Research report) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _plan(
    rng: random.Random, year: int, plan, members: list[Member], committees: dict[str, SpecialCommittee]
) -> int:
    for index, (title, committee, has_report, instructed, leader) in enumerate(plan):
        start = D(year, 3, 1) + dt.timedelta(days=7 * index)
        topic = services.topic_create(
            actor=None,
            year=year,
            title=title,
            leader=LEADERS[leader],
            committee=committees[committee],
            planned_start=start,
            planned_end=D(year, 9, 30),
            description=f"围绕{title}深入基层调研，形成调研报告。",
            status=ResearchTopic.Status.RESEARCHING if not has_report else ResearchTopic.Status.PLANNED,
        )
        own = [m for m in members if m.committee_id == committees[committee].pk]
        team = rng.sample(own, min(len(own), rng.randrange(5, 10)))
        services.topic_set_participants(
            topic=topic, leads=team[:1], authors=team[1:3], members=team[3:], actor=None
        )
        if has_report:
            done = D(year, 8, 10) + dt.timedelta(days=3 * index)
            services.report_save(
                topic=topic,
                actor=None,
                title=f"关于{title}的调研报告",
                completed_on=done,
                summary=f"调研组深入一线，就{title}提出意见建议。",
                submitted_to="中共荥阳市委、荥阳市人民政府",
                submitted_on=done + dt.timedelta(days=5),
                upload=SimpleUploadedFile(f"{title}.pdf", _pdf(title), content_type="application/pdf"),
            )
            if instructed:
                leader_name, words, department = INSTRUCTIONS[title]
                report = topic.report
                services.instruction_create(
                    report=report,
                    actor=None,
                    leader=leader_name,
                    level="city",
                    date=done + dt.timedelta(days=15),
                    content=words,
                    assigned_to=department,
                )
    return len(plan)


def seed_research(stdout) -> None:
    if ResearchTopic.objects.exists():
        return
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("pk"))
    committees = {c.short_name: c for c in SpecialCommittee.objects.all()}
    rng = random.Random("research")
    for year, plan in ((2022, PLAN_2022), (2023, PLAN_2023)):
        n = _plan(rng, year, plan, members, committees)
        reports = sum(1 for p in plan if p[2])
        instructed = sum(1 for p in plan if p[3])
        stdout.write(f"{year} 年度调研课题 {n} 个，形成调研报告 {reports} 篇，获领导批示 {instructed} 篇")
