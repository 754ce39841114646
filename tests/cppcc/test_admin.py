"""The superuser's configuration screens open (award kinds, scoring rules, townships, the register)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        "evaluation_awardkind",
        "evaluation_scoringscheme",
        "members_sector",
        "members_specialcommittee",
        "members_term",
        "platforms_township",
        "members_member",
        "proposals_handlingunit",
    ],
)
def test_a_superuser_can_open_each_configuration_screen(admin_client, model):
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 200
