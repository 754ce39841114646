"""The meeting kinds the product ships with.

Kinds are rows (``MeetingKind``) that staff add to and retire; these are the ones every committee
starts with, installed by migration 0003. Code that must find a particular kind — the numbering of
全体会议 and 常委会会议, the demo — asks by its code, never by its name, which staff may change.
"""

from __future__ import annotations

import enum
from typing import Any, NamedTuple

from django.utils.translation import gettext_noop

from members.kinds import ActivityKind as A


class KindCode(enum.StrEnum):
    PLENARY = "plenary"
    STANDING = "standing"
    CHAIR = "chair"
    PARTY_GROUP = "party_group"
    COMMITTEE = "committee"
    CONSULTATION = "consultation"
    COUNTERPART = "counterpart"
    SECTOR_CONSULTATION = "sector_consultation"
    PROPOSAL_CONSULTATION = "proposal_consultation"
    INSPECTION = "inspection"
    DEMOCRATIC_REVIEW = "democratic_review"
    TRAINING = "training"
    STUDY = "study"
    EVALUATION = "evaluation"
    SECTOR_ACTIVITY = "sector_activity"
    STUDIO = "studio"
    ACTIVITY = "activity"


class DefaultKind(NamedTuple):
    code: str
    name: str  # stored as written; shown through the catalogue, so English has its own word
    group: str
    numbered: bool
    activity_kind: str


C = KindCode
DEFAULT_KINDS: tuple[DefaultKind, ...] = (
    DefaultKind(C.PLENARY, gettext_noop("全体会议"), "meeting", True, A.ATTEND_PLENARY),
    DefaultKind(C.STANDING, gettext_noop("常委会会议"), "meeting", True, A.ATTEND_STANDING),
    DefaultKind(C.CHAIR, gettext_noop("主席会议"), "meeting", False, A.ATTEND_OTHER),
    DefaultKind(C.PARTY_GROUP, gettext_noop("党组会议"), "meeting", False, A.ATTEND_OTHER),
    DefaultKind(C.COMMITTEE, gettext_noop("专委会会议"), "meeting", False, A.ATTEND_OTHER),
    DefaultKind(C.CONSULTATION, gettext_noop("专题协商会"), "consultation", False, A.ATTEND_CONSULTATION),
    DefaultKind(C.COUNTERPART, gettext_noop("对口协商会"), "consultation", False, A.ATTEND_CONSULTATION),
    DefaultKind(
        C.SECTOR_CONSULTATION, gettext_noop("界别协商会"), "consultation", False, A.ATTEND_CONSULTATION
    ),
    DefaultKind(
        C.PROPOSAL_CONSULTATION, gettext_noop("提案办理协商会"), "consultation", False, A.ATTEND_CONSULTATION
    ),
    DefaultKind(C.INSPECTION, gettext_noop("视察调研"), "inspection", False, A.ATTEND_INSPECTION),
    DefaultKind(C.DEMOCRATIC_REVIEW, gettext_noop("民主评议"), "inspection", False, A.ATTEND_INSPECTION),
    DefaultKind(C.TRAINING, gettext_noop("培训班"), "training", False, A.ATTEND_TRAINING),
    DefaultKind(C.STUDY, gettext_noop("学习"), "training", False, A.ATTEND_STUDY),
    DefaultKind(C.EVALUATION, gettext_noop("观摩讲评会"), "activity", False, A.ATTEND_OTHER),
    DefaultKind(C.SECTOR_ACTIVITY, gettext_noop("界别活动"), "activity", False, A.ATTEND_OTHER),
    DefaultKind(C.STUDIO, gettext_noop("委员工作室活动"), "activity", False, A.ATTEND_OTHER),
    DefaultKind(C.ACTIVITY, gettext_noop("其他活动"), "activity", False, A.ATTEND_OTHER),
)


def install_default_kinds(model: Any) -> int:
    """Add the shipped kinds that are missing (by code); a kind staff renamed or retired is left as
    it is. ``model`` is ``MeetingKind`` or its historical version inside a migration. Returns how
    many were added."""
    have = set(model.objects.values_list("code", flat=True))
    missing = [
        model(
            code=str(k.code),
            name=k.name,
            group=k.group,
            numbered=k.numbered,
            activity_kind=str(k.activity_kind),
            order=10 * (i + 1),
        )
        for i, k in enumerate(DEFAULT_KINDS)
        if k.code not in have
    ]
    model.objects.bulk_create(missing)
    return len(missing)
