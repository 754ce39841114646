"""No query string turns a list, an export or a statistics page into a 500 (property-based).

Every GET page that reads its query string is walked with the parameters lists understand, each
given hostile values: years 0 and 99999, 20-digit ids and page numbers, negative numbers, text,
control characters, and a value repeated.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluation import services as evaluation_services
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("members:list", ()),
    ("members:export", ()),
    ("proposals:list", ()),
    ("sentiments:list", ()),
    ("consultations:list", ()),
    ("consultations:stats", ()),
    ("consultations:stats_xlsx", ()),
    ("consultations:calendar", ()),
    ("research:list", ()),
    ("research:export", ()),
    ("research:instructions", ()),
    ("platforms:list", ()),
    ("platforms:sessions", ()),
    ("platforms:export", ()),
    ("platforms:coverage", ()),
    ("evaluation:year", (2023,)),
    ("evaluation:export", (2023,)),
    ("evaluation:awards", (2023,)),
    ("dashboard:index", ()),
    ("evaluation:schemes", ()),
]
PARAMETERS = [
    "year",
    "page",
    "q",
    "sector",
    "committee",
    "term",
    "status",
    "is_standing",
    "kind",
    "level",
    "township",
    "setting",
    "follow_up",
    "grade",
    "duties",
    "standing",
    "sort",
    "filed",
    "key",
    "instructed",
    "report",
    "overdue",
    "active",
    "month",
]
VALUES = st.one_of(
    st.sampled_from(
        [
            "0",
            "99999",
            "-1",
            "2023",
            "9" * 20,
            "1e309",
            "NaN",
            "2023-13",
            "99999-01",
            "٣",
            "",
            " ",
            "<script>",
            "' OR 1=1 --",
            "\x00",
            "%00",
            "None",
            "true",
            "rank",
        ]
    ),
    st.integers(min_value=-(10**21), max_value=10**21).map(str),
    st.text(max_size=40),
)
QUERIES = st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=4)


@pytest.fixture
def some_data(db):
    evaluation_services.scheme_create_default(year=2023)
    MemberFactory.create_batch(3)
    evaluation_services.evaluation_rollup(year=2023)


@pytest.mark.parametrize(("name", "args"), PAGES, ids=[name for name, _args in PAGES])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES)
def test_no_query_string_makes_a_page_fail(staff_client, some_data, name, args, query):
    response = staff_client.get(reverse(name, args=args), query)
    assert response.status_code in (200, 302, 404), f"{name} {query!r} → {response.status_code}"


@pytest.mark.parametrize(
    "query",
    [
        {"year": "0"},
        {"year": "99999"},
        {"sector": "9" * 20},
        {"page": "9" * 20},
        {"committee": "-3"},
        {"year": "2023", "page": "0"},
        {"township": "1e309"},
        {"sort": "-total;drop"},
    ],
)
@pytest.mark.parametrize(
    "name", ["consultations:list", "platforms:sessions", "members:list", "proposals:list"]
)
def test_the_values_that_once_failed_are_answered_with_the_list(staff_client, name, query):
    response = staff_client.get(reverse(name), query)
    assert response.status_code == 200
    assert response.context["list"].page.number >= 1
