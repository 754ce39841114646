"""SMS through a small backend interface: `SMS_BACKEND` names the class.

- `LogBackend` (the default) writes each message to the log, so nothing leaves the machine;
- `MemoryBackend` keeps them in `MemoryBackend.outbox` (tests);
- `HttpGatewayBackend` posts to the HTTP SMS gateway of a government intranet (URL, key and
  template ids in settings), with the standard library's HTTP client.

A message carries the recipient's name and the notice's title and nothing else personal: no reason,
grade or rank ever travels by SMS; the person reads those after logging in. It is cut to
`SMS_MAX_CHARS` (70 characters is one Chinese SMS).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import ChannelError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    template: str
    params: dict[str, str]
    text: str


def compose(*, kind: str, phone: str, name: str, title: str) -> SmsMessage:
    """The SMS for a notice: the name and the title (shortened to fit), never anything more."""
    limit = settings.SMS_MAX_CHARS
    name = name[:10]
    frame = _("%(name)s，您好：%(title)s。详情请登录政协履职管理查看。")
    room = limit - len(frame % {"name": name, "title": ""})
    if len(title) > room:
        title = title[: max(room - 1, 0)] + "…"
    templates = settings.SMS_TEMPLATE_IDS
    return SmsMessage(
        phone=phone,
        template=templates.get(kind) or templates.get("default", ""),
        params={"name": name, "title": title},
        text=(frame % {"name": name, "title": title})[:limit],
    )


class SmsBackend(Protocol):
    def send(self, message: SmsMessage) -> str:
        """Send one message; return the gateway's message id or raise ChannelError."""
        ...


def _masked(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"


class LogBackend:
    def send(self, message: SmsMessage) -> str:
        logger.info("SMS to %s: %s", _masked(message.phone), message.text)
        return ""


class MemoryBackend:
    outbox: ClassVar[list[SmsMessage]] = []

    def send(self, message: SmsMessage) -> str:
        self.outbox.append(message)
        return str(len(self.outbox))


class HttpGatewayBackend:
    """POST {"apiKey", "mobile", "templateId", "params", "content"} as JSON; the gateway answers
    {"code": 0, "msgId": …} (any other code is a refusal, with its "msg"). A 4xx answer is permanent
    (except 408 and 429), a 5xx, a timeout or a refused connection is worth another try."""

    def __init__(self) -> None:
        self.url = settings.SMS_GATEWAY_URL
        self.key = settings.SMS_GATEWAY_KEY
        self.timeout = settings.SMS_TIMEOUT
        # The gateway sits on the intranet: never route it through a proxy named in the environment.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def send(self, message: SmsMessage) -> str:
        if not self.url:
            raise ChannelError(_("未配置短信网关地址（SMS_GATEWAY_URL）。"), permanent=True)
        payload = {
            "apiKey": self.key,
            "mobile": message.phone,
            "templateId": message.template,
            "params": message.params,
            "content": message.text,
        }
        request = urllib.request.Request(
            self.url,
            data=json.dumps(payload, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
            method="POST",
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                answer = response.read(64 * 1024)
        except urllib.error.HTTPError as exc:
            raise ChannelError(
                _("短信网关返回 HTTP %(code)s。") % {"code": exc.code},
                permanent=400 <= exc.code < 500 and exc.code not in (408, 429),
            ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ChannelError(_("短信网关无法连接：%(reason)s") % {"reason": reason}) from exc
        try:
            data = json.loads(answer or b"{}")
        except ValueError as exc:
            raise ChannelError(_("短信网关的答复无法识别。")) from exc
        if str(data.get("code")) != "0":
            raise ChannelError(
                _("短信网关拒绝发送：%(msg)s") % {"msg": str(data.get("msg", data.get("code")))[:100]},
                permanent=True,
            )
        return str(data.get("msgId", ""))[:64]


def get_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    return backend


def quiet_until(now: dt.datetime) -> dt.datetime | None:
    """When SMS quiet hours (`SMS_QUIET_HOURS`, local time, e.g. "22-7") end, if `now` is inside them."""
    hours = settings.SMS_QUIET_HOURS
    if not hours:
        return None
    start, end = (int(h) for h in hours.split("-"))
    local = timezone.localtime(now)
    hour = local.hour
    inside = (start <= hour or hour < end) if start > end else (start <= hour < end)
    if not inside:
        return None
    ends = local.replace(hour=end, minute=0, second=0, microsecond=0)
    if ends <= local:
        ends += dt.timedelta(days=1)
    return ends
