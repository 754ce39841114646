"""Which dossier entries a research topic implies: taking part, writing the report, its instruction."""

from __future__ import annotations

from members.dossier import EntrySpec, builder
from members.kinds import ActivityKind as K

from .models import Participant, ResearchReport, ResearchTopic


@builder(ResearchTopic, url_name="research:detail")
def topic_entries(topic: ResearchTopic) -> list[EntrySpec]:
    report = ResearchReport.objects.filter(topic=topic).first()
    first_instruction = report.instructions.order_by("date").first() if report else None
    specs = []
    for member_id, role in topic.participants.values_list("member_id", "role"):
        specs.append(
            EntrySpec(member_id, K.RESEARCH_PARTICIPATION, topic.planned_start, topic.year, topic.title)
        )
        writes = role in (Participant.Role.AUTHOR, Participant.Role.LEAD)
        if report is not None and role == Participant.Role.AUTHOR:
            specs.append(
                EntrySpec(member_id, K.RESEARCH_AUTHOR, report.completed_on, topic.year, report.title)
            )
        if report is not None and first_instruction is not None and writes:
            specs.append(
                EntrySpec(member_id, K.RESEARCH_INSTRUCTED, first_instruction.date, topic.year, report.title)
            )
    return specs
