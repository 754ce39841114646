"""The filter bars' selects are drawn in Python; what a browser gets is what Django's templates draw."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test import RequestFactory

from cppcc.forms import QuickSelect
from members.filters import MemberFilter
from members.models import Member
from tests.factories import SectorFactory

pytestmark = pytest.mark.django_db


def _tags(html: str) -> str:
    """The markup without the line breaks the templates put between tags."""
    return re.sub(r">\s+<", "><", str(html)).strip()


CHOICES = [
    ("", "全部"),
    ("a", 'A & "B" <c>'),
    ("文史", [("1", "一"), ("2", "二")]),
]


@pytest.mark.parametrize("value", [None, "", "a", "2", ["a", "2"]])
@pytest.mark.parametrize("multiple", [False, True])
def test_a_quick_select_draws_what_the_template_draws(value, multiple):
    attrs = {"class": "form-select", "id": "id_x", "aria-describedby": "x-help", "disabled": True}
    django_class = forms.SelectMultiple if multiple else forms.Select
    quick_class = (
        type("QuickMultiple", (QuickSelect,), {"allow_multiple_selected": True}) if multiple else QuickSelect
    )
    expected = django_class(attrs=attrs, choices=CHOICES).render("x", value)
    drawn = quick_class(attrs=attrs, choices=CHOICES).render("x", value)
    assert _tags(drawn) == _tags(expected)
    assert "&amp; &quot;B&quot; &lt;c&gt;" in drawn  # a label is escaped, never markup


def test_the_register_filters_keep_their_choice_and_class():
    chosen = SectorFactory(name="经济界")
    SectorFactory(name="教育界")
    request = RequestFactory().get("/members/", {"sector": chosen.pk, "status": "active"})
    form = MemberFilter(request.GET, queryset=Member.objects.all(), request=request).form
    sector = str(form["sector"])
    assert isinstance(form.fields["sector"].widget, QuickSelect)
    assert 'class="form-select"' in sector and 'id="id_sector"' in sector
    assert f'<option value="{chosen.pk}" selected>经济界</option>' in sector
    assert "教育界" in sector and sector.count(" selected") == 1
    assert '<option value="active" selected>' in str(form["status"])
