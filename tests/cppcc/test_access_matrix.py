"""Every URL of the project × every role, against an explicit table.

A URL added without a row here fails `test_every_url_has_a_row`; a row whose answer changes fails
`test_each_role_gets_the_expected_answer`. Object URLs are asked twice by the member: once for their
own record ("own") and once for another member's ("other"), which must be a 404.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from members import services
from members.models import DossierEntry, EntryDispute

YEAR = 2023

ANON, MEMBER, OWN, OTHER, STAFF, LEADER = "anonymous", "member", "member:own", "member:other", "staff", "leader"

# name: (method, target, {who: status}). target "member" means the URL takes a member's pk.
EXPECTED: dict[str, tuple[str, str | None, dict[str, int]]] = {
    "home": ("get", None, {ANON: 302, MEMBER: 302, STAFF: 200, LEADER: 200}),
    "healthz": ("get", None, {ANON: 200, MEMBER: 200, STAFF: 200, LEADER: 200}),
    "login": ("get", None, {ANON: 200, MEMBER: 302, STAFF: 302, LEADER: 302}),
    "logout": ("post", None, {ANON: 302, MEMBER: 302, STAFF: 302, LEADER: 302}),
    "set_language": ("post", None, {ANON: 302, MEMBER: 302, STAFF: 302, LEADER: 302}),
    "me": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 404, LEADER: 404}),
    "members:list": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200}),
    "members:export": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200}),
    "members:create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403}),
    "members:import": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403}),
    "members:import_template": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403}),
    "members:detail": ("get", "member", {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200}),
    "members:edit": ("get", "member", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403}),
    "members:deactivate": ("get", "member", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403}),
    "members:reactivate": ("post", "member", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403}),
    "members:account": ("get", "member", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403}),
    "members:report_pdf": ("get", "member_year", {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200}),
    "members:dossier_xlsx": ("get", "member_year", {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200}),
    "members:entry_record": ("get", "member", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403}),
    "members:self_report": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 404, LEADER: 404}),
    "members:entry_dispute": ("post", "entry", {ANON: 302, OWN: 302, OTHER: 404, STAFF: 404, LEADER: 404}),
    "members:entry_review": ("post", "entry", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403}),
    "members:reviews": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403}),
    "members:disputes": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403}),
    "members:dispute_resolve": ("post", "dispute", {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 403}),
    "members:proposals": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200}),
    "members:proposal_create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403}),
    "members:proposal_detail": ("get", "proposal", {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200}),
    "members:proposal_edit": ("get", "proposal", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403}),
    "members:proposal_transition": ("post", "proposal", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403}),
    "members:proposal_delete": ("post", "proposal", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403}),
    "members:sentiments": ("get", None, {ANON: 302, MEMBER: 200, STAFF: 200, LEADER: 200}),
    "members:sentiment_create": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 403}),
    "members:sentiment_detail": ("get", "sentiment", {ANON: 302, OWN: 200, OTHER: 404, STAFF: 200, LEADER: 200}),
    "members:sentiment_edit": ("get", "sentiment", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 200, LEADER: 403}),
    "members:sentiment_delete": ("post", "sentiment", {ANON: 302, OWN: 403, OTHER: 404, STAFF: 302, LEADER: 403}),
    "members:schemes": ("get", None, {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200}),
    "members:scheme_edit": ("get", "year", {ANON: 302, MEMBER: 403, STAFF: 200, LEADER: 200}),
    "members:scheme_create": ("post", "year", {ANON: 302, MEMBER: 403, STAFF: 302, LEADER: 403}),
    # Django admin decides with is_staff/is_superuser; none of the role accounts is an admin user.
    "admin:index": ("get", None, {ANON: 302, MEMBER: 302, STAFF: 302, LEADER: 302}),
}


def _url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern):
                if namespace == "admin":
                    continue  # Django's own admin: one row above speaks for it
                assert pattern.name, f"unnamed URL pattern {pattern.pattern} cannot be checked"
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return names | {"admin:index"}


def test_every_url_has_a_row():
    names = _url_names()
    assert names - EXPECTED.keys() == set(), "add these URLs to the access matrix"
    assert EXPECTED.keys() - names == set(), "these rows name URLs that no longer exist"


def _cases():
    for name, (method, target, answers) in EXPECTED.items():
        for who, status in answers.items():
            yield pytest.param(name, method, target, who, status, id=f"{name}-{who}")


@pytest.fixture
def targets(member, other_member, staff):
    """For each kind of object URL: the arguments for the member's own object and another's."""
    def records_of(m):
        entry = DossierEntry.objects.create(member=m, year=YEAR, date=dt.date(YEAR, 3, 1), kind="visit", title="走访")
        proposal = services.proposal_create(actor=staff, year=YEAR, number=m.pk, title="提案", lead=m,
                                            submitted_on=dt.date(YEAR, 1, 10))
        report = services.sentiment_create(actor=staff, authors=[m], year=YEAR, title="社情民意",
                                           reported_on=dt.date(YEAR, 2, 1))
        return entry, proposal, report

    own, other = records_of(member), records_of(other_member)
    dispute = EntryDispute.objects.create(entry=other[0], comment="有误")
    services.scheme_create_default(year=YEAR)
    return {
        "member": ([member.pk], [other_member.pk]),
        "member_year": ([member.pk, YEAR], [other_member.pk, YEAR]),
        "entry": ([own[0].pk], [other[0].pk]),
        "proposal": ([own[1].pk], [other[1].pk]),
        "sentiment": ([own[2].pk], [other[2].pk]),
        "dispute": ([dispute.pk], [dispute.pk]),
        "year": ([YEAR], [YEAR]),
    }


@pytest.mark.parametrize(("name", "method", "target", "who", "status"), list(_cases()))
def test_each_role_gets_the_expected_answer(
    name, method, target, who, status, anonymous, staff_client, leader_client, member_client, targets
):
    client = {ANON: anonymous, STAFF: staff_client, LEADER: leader_client}.get(who, member_client)
    if target is not None:
        own_args, other_args = targets[target]
        url = reverse(name, args=other_args if who == OTHER else own_args)
    else:
        url = reverse(name)
    response = getattr(client, method)(url)
    assert response.status_code == status, f"{who} {method.upper()} {url}"
    if who == ANON and status == 302 and name not in ("logout", "set_language"):
        assert response["Location"].startswith(reverse("login")) or name == "admin:index"
