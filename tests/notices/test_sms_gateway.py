"""The SMS adapter for an intranet HTTP gateway, against a local HTTP server the test starts."""

from __future__ import annotations

import time

import pytest

from notices import services
from notices.channels import ChannelError
from notices.channels.sms import HttpGatewayBackend, compose
from notices.models import Delivery, NoticeKind
from notices.services import Message, Recipients

from .conftest import sms_gateway

pytestmark = pytest.mark.django_db


@pytest.fixture
def gateway(settings):
    with sms_gateway() as (server, url):
        settings.SMS_BACKEND = "notices.channels.sms.HttpGatewayBackend"
        settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_KEY, settings.SMS_TIMEOUT = url, "k-123", 1
        settings.SMS_TEMPLATE_IDS = {"meeting": "T001", "default": "T009"}
        yield server


def _message():
    return compose(kind="meeting", phone="13900000001", name="王芳", title="会议通知：六届八次常委会会议")


def test_a_message_the_gateway_accepts(gateway):
    assert HttpGatewayBackend().send(_message()) == "M1"
    [request] = gateway.requests
    assert request == {
        "apiKey": "k-123",
        "mobile": "13900000001",
        "templateId": "T001",
        "params": {"name": "王芳", "title": "会议通知：六届八次常委会会议"},
        "content": "王芳，您好：会议通知：六届八次常委会会议。详情请登录政协履职管理查看。",
    }


def test_a_4xx_is_a_refusal_not_worth_repeating(gateway):
    gateway.mode = "bad"
    with pytest.raises(ChannelError) as refused:
        HttpGatewayBackend().send(_message())
    assert refused.value.permanent and refused.value.reason == "短信网关返回 HTTP 400。"


def test_a_refusal_in_the_answer_is_reported_with_the_gateways_words(gateway):
    gateway.mode = "refuse"
    with pytest.raises(ChannelError, match="短信网关拒绝发送：模板不存在") as refused:
        HttpGatewayBackend().send(_message())
    assert refused.value.permanent


def test_a_gateway_that_does_not_answer_in_time_is_tried_again(gateway):
    gateway.mode = "slow"
    started = time.monotonic()
    with pytest.raises(ChannelError, match="短信网关无法连接") as timed_out:
        HttpGatewayBackend().send(_message())
    assert not timed_out.value.permanent and time.monotonic() - started < 1.9


def test_deliveries_through_the_gateway_record_each_outcome(gateway, member, other_member):
    ids = services.notify(
        kind=NoticeKind.MEETING,
        key="meeting:gw",
        to=Recipients(members=[member, other_member]),
        message=Message("会议通知：学习会", "不会出现在短信里的正文：请假事由、等次"),
    )
    assert services.deliver(ids).sent == 2
    assert all("正文" not in str(r) and "等次" not in str(r) for r in gateway.requests), (
        "no text beyond the title"
    )
    gateway.mode = "bad"
    Delivery.objects.update(status="queued")
    services.deliver(ids)
    assert set(Delivery.objects.values_list("status", "error", "due_at")) == {
        ("failed", "短信网关返回 HTTP 400。", None)
    }
    gateway.mode = "slow"
    Delivery.objects.update(status="queued")
    run = services.deliver(ids)
    assert run.failed == 2 and run.next_due is not None
    assert Delivery.objects.filter(status="failed", due_at__isnull=False).count() == 2


def test_without_a_gateway_address_nothing_is_sent(settings):
    settings.SMS_GATEWAY_URL = ""
    with pytest.raises(ChannelError, match="SMS_GATEWAY_URL") as refused:
        HttpGatewayBackend().send(_message())
    assert refused.value.permanent
