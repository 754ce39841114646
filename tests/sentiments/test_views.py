"""A member sends 社情民意 from the browser and sees only their own; staff enter and edit any."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sentiments.models import SentimentReport

pytestmark = pytest.mark.django_db


def test_a_member_sends_a_public_opinion_report_from_a_phone(member_client, member):
    refused = member_client.post(reverse("sentiments:create"), {"title": "小区充电难", "content": ""})
    assert refused.status_code == 200 and "小区充电难" in refused.content.decode()
    data = {"title": "小区电动自行车充电难", "content": "充电桩少", "suggestion": "增设充电桩"}
    response = member_client.post(reverse("sentiments:create"), data)
    report = SentimentReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert list(report.authors.all()) == [member] and report.suggestion == "增设充电桩"
