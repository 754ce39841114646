"""Who may see and change what. Every view asks this module; nothing else looks at groups.

Roles are Django groups created by a data migration: 工作人员 (staff) write everything but
configuration, 领导 (leadership) read everything, 委员 (member) read their own dossier only,
承办单位 (handling unit) only the proposals assigned to its unit — every other page of the
committee is closed to it (`unit_may_open`).
A superuser counts as staff. Objects a user may not see answer 404 (their existence is not
revealed); objects a user may see but not change answer 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from members.models import Member

    AnyUser = User | AnonymousUser

STAFF_GROUP = "工作人员"
LEADER_GROUP = "领导"
MEMBER_GROUP = "委员"
UNIT_GROUP = "承办单位"
ROLE_GROUPS = (STAFF_GROUP, LEADER_GROUP, MEMBER_GROUP, UNIT_GROUP)


def _groups(user: AnyUser) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    # One query per request: the user object lives for the request, so the answer is kept on it.
    cached: frozenset[str] | None = getattr(user, "_cppcc_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, "_cppcc_groups", cached)  # noqa: B010 - a per-request cache on the user object
    return cached


def is_staff_user(user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_superuser or STAFF_GROUP in _groups(user))


def is_leader(user: AnyUser) -> bool:
    return user.is_authenticated and LEADER_GROUP in _groups(user)


def is_member_user(user: AnyUser) -> bool:
    return user.is_authenticated and MEMBER_GROUP in _groups(user)


def is_unit_user(user: AnyUser) -> bool:
    """A login of a handling unit (承办单位) — and nothing more: a unit account is never also staff."""
    return user.is_authenticated and UNIT_GROUP in _groups(user) and not is_staff_user(user)


def can_edit(user: AnyUser) -> bool:
    """May create, change and deactivate records."""
    return is_staff_user(user)


def can_read_all(user: AnyUser) -> bool:
    """May read every member's records and the committee-wide lists."""
    return is_staff_user(user) or is_leader(user)


def can_configure(user: AnyUser) -> bool:
    """May open the configuration screens (Django admin): scoring rules, sectors, terms, users."""
    return user.is_authenticated and user.is_superuser


def role_of(user: AnyUser) -> str:
    """The role that decides the landing page: staff, leader, member, unit or none."""
    if is_staff_user(user):
        return "staff"
    if is_leader(user):
        return "leader"
    if is_member_user(user):
        return "member"
    if is_unit_user(user):
        return "unit"
    return "none"


def own_member(user: AnyUser) -> Member | None:
    """The member record linked to this login, if any."""
    if not user.is_authenticated:
        return None
    from members.models import Member

    try:
        return Member.objects.select_related("sector", "committee", "term").get(user=user)
    except Member.DoesNotExist:
        return None


def ensure_can_edit(user: AnyUser) -> None:
    if not can_edit(user):
        raise PermissionDenied


def ensure_can_read_all(user: AnyUser) -> None:
    if not can_read_all(user):
        raise PermissionDenied


def _fetch(queryset: QuerySet, pk: int, user: AnyUser, write: bool):
    """The one pattern of every fetcher: hidden is a 404; visible but read-only and `write` is a 403."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if write:
        ensure_can_edit(user)
    return obj


def visible_members(user: AnyUser) -> QuerySet[Member]:
    from members.models import Member

    qs = Member.objects.all()
    if can_read_all(user):
        return qs
    if user.is_authenticated:
        return qs.filter(user=user)
    return qs.none()


def get_member_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Member:
    """The member `pk` as this user may see it: 404 when hidden, 403 when read-only and `write`."""
    return _fetch(
        visible_members(user).select_related("sector", "committee", "term", "user"), pk, user, write
    )


def can_report_own(user: AnyUser, member: Member) -> bool:
    """A member reports deeds and visits, and disputes entries, only in their own dossier."""
    return user.is_authenticated and member.user_id == user.pk and member.is_active


def visible_entries(user: AnyUser) -> QuerySet:
    from members.models import DossierEntry

    if can_read_all(user):
        return DossierEntry.objects.all()
    if user.is_authenticated:
        return DossierEntry.objects.filter(member__user=user)
    return DossierEntry.objects.none()


def get_entry_for_user(user: AnyUser, pk: int, *, write: bool = False):
    return _fetch(visible_entries(user).select_related("member"), pk, user, write)


def get_attachment_for_user(user: AnyUser, pk: int):
    """A report's photo or PDF: whoever may see the entry may see its proof, nobody else."""
    from members.models import EntryAttachment

    return _fetch(EntryAttachment.objects.filter(entry__in=visible_entries(user)), pk, user, False)


def get_own_entry(user: AnyUser, pk: int):
    """An entry of the user's own dossier (to dispute it); anyone else's is a 404."""
    from members.models import DossierEntry

    if not user.is_authenticated:
        raise Http404
    entry = DossierEntry.objects.select_related("member").filter(pk=pk, member__user=user).first()
    if entry is None:
        raise Http404
    return entry


def get_import_batch_for_user(user: AnyUser, token: str):
    """A roster upload awaiting confirmation: only staff reach it, by its unguessable token."""
    from members.models import ImportBatch

    ensure_can_edit(user)
    batch = ImportBatch.objects.select_related("imported_by").filter(token=token[:64]).first()
    if batch is None:
        raise Http404
    return batch


def get_dispute_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """Disputes are answered by staff; nobody else reaches the queue or its answers by id."""
    from members.models import EntryDispute

    ensure_can_edit(user)
    return _fetch(EntryDispute.objects.select_related("entry", "entry__member"), pk, user, write)


def _authored_by(user: AnyUser, queryset: QuerySet, *lookups: str) -> QuerySet:
    from django.db.models import Q

    if can_read_all(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    condition = Q()
    for lookup in lookups:
        condition |= Q(**{f"{lookup}__user": user})
    return queryset.filter(condition).distinct()


def get_award_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """Nominations are the committee's internal business: staff and leaders read them, staff decide."""
    from evaluation.models import Award

    ensure_can_read_all(user)
    return _fetch(Award.objects.select_related("member", "kind"), pk, user, write)


def visible_topics(user: AnyUser) -> QuerySet:
    """Staff and leaders see the whole research plan; a member the topics they take part in."""
    from research.models import ResearchTopic

    return _authored_by(user, ResearchTopic.objects.all(), "participants__member")


def get_topic_for_user(user: AnyUser, pk: int, *, write: bool = False):
    return _fetch(visible_topics(user).select_related("committee"), pk, user, write)


def get_report_instruction_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """A leader's instruction on a research report, as the topic's readers see it."""
    from research.models import ReportInstruction

    ensure_can_read_all(user)
    return _fetch(ReportInstruction.objects.select_related("report__topic"), pk, user, write)


def visible_sessions(user: AnyUser) -> QuerySet:
    """Staff and leaders see every consultation; a member the ones they took part in."""
    from platforms.models import PlatformSession

    return _authored_by(user, PlatformSession.objects.all(), "members")


def get_session_for_user(user: AnyUser, pk: int, *, write: bool = False):
    return _fetch(visible_sessions(user).select_related("platform", "platform__township"), pk, user, write)


def get_platform_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """Platforms are the committee's own network: staff and leaders read them, members do not."""
    from platforms.models import Platform

    ensure_can_read_all(user)
    return _fetch(Platform.objects.select_related("parent", "township"), pk, user, write)


def visible_notices(user: AnyUser) -> QuerySet:
    """A person's own inbox, whatever their role: nobody reads another person's notices."""
    from notices.models import Notice

    if not user.is_authenticated:
        return Notice.objects.none()
    return Notice.objects.filter(user=user, in_app=True)


def get_notice_for_user(user: AnyUser, pk: int, *, write: bool = False):
    """One of the user's own notices; anyone else's is a 404. What a recipient writes on their own
    notice (read, reply) needs no role, so `write` asks nothing more."""
    return _fetch(
        visible_notices(user).select_related("meeting", "meeting__kind", "broadcast", "member"),
        pk,
        user,
        False,
    )


def visible_broadcasts(user: AnyUser) -> QuerySet:
    """通知公告 as the office keeps them, with their read receipts: staff and leaders."""
    from notices.models import Broadcast

    return Broadcast.objects.all() if can_read_all(user) else Broadcast.objects.none()


def get_broadcast_for_user(user: AnyUser, pk: int, *, write: bool = False):
    ensure_can_read_all(user)
    return _fetch(visible_broadcasts(user), pk, user, write)


def get_notice_attachment_for_user(user: AnyUser, pk: int):
    """A broadcast's attachment or a meeting's paper: for staff and leaders, for the broadcast's
    recipients and for the meeting's invitees; a 404 for anyone else."""
    from django.db.models import Q

    from notices.models import Attachment

    queryset = Attachment.objects.all()
    if not can_read_all(user):
        if not user.is_authenticated:
            raise Http404
        queryset = queryset.filter(
            Q(broadcast__notices__user=user) | Q(meeting__attendances__member__user=user)
        ).distinct()
    return _fetch(queryset, pk, user, False)


# The fetchers of meetings and of the proposal handling chain live beside this module.
from .meetings import *  # noqa: E402, F403 - they build on the predicates above
from .proposals import *  # noqa: E402, F403
from .sentiments import *  # noqa: E402, F403
