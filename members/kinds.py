"""The activity kinds of the dossier ledger. Every app emits these; scoring rules are set per kind."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    MEETING = "meeting", _("会议出席")
    ACTIVITY = "activity", _("活动参与")
    DISCIPLINE = "discipline", _("请假缺席")
    SPEECH = "speech", _("会议发言")
    PROPOSAL = "proposal", _("提案")
    SENTIMENT = "sentiment", _("社情民意信息")
    RESEARCH = "research", _("调研")
    PLATFORM = "platform", _("协商议事")
    SERVICE = "service", _("为群众办实事")
    VISIT = "visit", _("委员大走访")
    OTHER = "other", _("其他履职")


class AdoptionLevel(models.TextChoices):
    """The level of an adoption or a leader's instruction (批示)."""

    CITY = "city", _("市级")
    PROVINCE = "province", _("省级")
    NATIONAL = "national", _("全国")


class ActivityKind(models.TextChoices):
    ATTEND_PLENARY = "attend_plenary", _("出席全体会议")
    ATTEND_STANDING = "attend_standing", _("出席常委会会议")
    ATTEND_CONSULTATION = "attend_consultation", _("参加专题协商")
    ATTEND_INSPECTION = "attend_inspection", _("参加视察调研")
    ATTEND_TRAINING = "attend_training", _("参加培训")
    ATTEND_STUDY = "attend_study", _("参加学习")
    ATTEND_OTHER = "attend_other", _("参加其他活动")
    LEAVE = "leave", _("请假")
    ABSENCE = "absence", _("无故缺席")
    SPEECH_ORAL = "speech_oral", _("大会发言")
    SPEECH_WRITTEN = "speech_written", _("书面发言")
    PROPOSAL_LEAD = "proposal_lead", _("领衔提案")
    PROPOSAL_COSIGN = "proposal_cosign", _("附议提案")
    PROPOSAL_FILED = "proposal_filed", _("提案立案")
    PROPOSAL_KEY = "proposal_key", _("重点提案")
    PROPOSAL_EXCELLENT = "proposal_excellent", _("优秀提案")
    SENTIMENT_REPORTED = "sentiment_reported", _("报送社情民意信息")
    SENTIMENT_ADOPTED_LOCAL = "sentiment_adopted_local", _("社情民意被本级采用")
    SENTIMENT_ADOPTED_CITY = "sentiment_adopted_city", _("社情民意被市级采用")
    SENTIMENT_ADOPTED_PROVINCE = "sentiment_adopted_province", _("社情民意被省级采用")
    SENTIMENT_ADOPTED_NATIONAL = "sentiment_adopted_national", _("社情民意被全国政协采用")
    SENTIMENT_INSTRUCTED = "sentiment_instructed", _("社情民意获领导批示")
    RESEARCH_PARTICIPATION = "research_participation", _("参加调研课题")
    RESEARCH_AUTHOR = "research_author", _("执笔调研报告")
    RESEARCH_INSTRUCTED = "research_instructed", _("调研报告获领导批示")
    PLATFORM_SESSION = "platform_session", _("参加协商议事活动")
    PUBLIC_SERVICE = "public_service", _("为群众办实事")
    VISIT = "visit", _("委员大走访")
    OTHER_DUTY = "other_duty", _("其他履职")


K = ActivityKind
CATEGORY_OF: dict[str, str] = {
    K.ATTEND_PLENARY: Category.MEETING,
    K.ATTEND_STANDING: Category.MEETING,
    K.ATTEND_CONSULTATION: Category.MEETING,
    K.ATTEND_INSPECTION: Category.ACTIVITY,
    K.ATTEND_TRAINING: Category.ACTIVITY,
    K.ATTEND_STUDY: Category.ACTIVITY,
    K.ATTEND_OTHER: Category.ACTIVITY,
    K.LEAVE: Category.DISCIPLINE,
    K.ABSENCE: Category.DISCIPLINE,
    K.SPEECH_ORAL: Category.SPEECH,
    K.SPEECH_WRITTEN: Category.SPEECH,
    K.PROPOSAL_LEAD: Category.PROPOSAL,
    K.PROPOSAL_COSIGN: Category.PROPOSAL,
    K.PROPOSAL_FILED: Category.PROPOSAL,
    K.PROPOSAL_KEY: Category.PROPOSAL,
    K.PROPOSAL_EXCELLENT: Category.PROPOSAL,
    K.SENTIMENT_REPORTED: Category.SENTIMENT,
    K.SENTIMENT_ADOPTED_LOCAL: Category.SENTIMENT,
    K.SENTIMENT_ADOPTED_CITY: Category.SENTIMENT,
    K.SENTIMENT_ADOPTED_PROVINCE: Category.SENTIMENT,
    K.SENTIMENT_ADOPTED_NATIONAL: Category.SENTIMENT,
    K.SENTIMENT_INSTRUCTED: Category.SENTIMENT,
    K.RESEARCH_PARTICIPATION: Category.RESEARCH,
    K.RESEARCH_AUTHOR: Category.RESEARCH,
    K.RESEARCH_INSTRUCTED: Category.RESEARCH,
    K.PLATFORM_SESSION: Category.PLATFORM,
    K.PUBLIC_SERVICE: Category.SERVICE,
    K.VISIT: Category.VISIT,
    K.OTHER_DUTY: Category.OTHER,
}

# What a member may report themselves; staff confirm it before it counts.
SELF_REPORTED = (K.PUBLIC_SERVICE, K.VISIT)

# The minimum duties count these kinds: "attend the plenary", "≥ N activities", "≥ 1 proposal",
# "≥ 1 社情民意".
PLENARY_KINDS = (K.ATTEND_PLENARY,)
ACTIVITY_KINDS = tuple(
    k
    for k, c in CATEGORY_OF.items()
    if c
    in (
        Category.MEETING,
        Category.ACTIVITY,
        Category.RESEARCH,
        Category.PLATFORM,
        Category.SERVICE,
        Category.VISIT,
    )
)
PROPOSAL_KINDS = (K.PROPOSAL_LEAD, K.PROPOSAL_COSIGN)
SENTIMENT_KINDS = (K.SENTIMENT_REPORTED,)
