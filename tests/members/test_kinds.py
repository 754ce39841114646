"""Every activity kind a source app can emit is scored somewhere: it has a category (for the dossier's
subtotals and caps) and a default rule (so a new year's default rules score it)."""

from __future__ import annotations

import pytest

from evaluation.services.schemes import DEFAULT_CAPS, DEFAULT_RULES
from members.kinds import CATEGORY_OF, ActivityKind, Category


@pytest.mark.parametrize("kind", ActivityKind.values)
def test_every_activity_kind_has_a_category(kind):
    assert CATEGORY_OF.get(kind) in Category.values


@pytest.mark.parametrize("kind", ActivityKind.values)
def test_every_activity_kind_has_a_default_rule(kind):
    assert kind in DEFAULT_RULES


def test_every_category_has_a_default_cap():
    assert set(DEFAULT_CAPS) == set(Category.values)


def test_no_category_or_rule_names_a_kind_that_does_not_exist():
    assert set(CATEGORY_OF) <= set(ActivityKind.values)
    assert set(DEFAULT_RULES) <= set(ActivityKind.values)
