"""What the notices tests share: an upcoming meeting, SMS kept in memory, email switched on."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from consultations import services as meetings
from consultations.kinds import KindCode
from notices.channels.sms import MemoryBackend
from tests.factories import TermFactory


@pytest.fixture(autouse=True)
def _sms_in_memory(settings):
    settings.SMS_BACKEND = "notices.channels.sms.MemoryBackend"
    # Tests run at any hour: quiet hours are switched on only where a test is about them.
    settings.SMS_QUIET_HOURS = ""
    MemoryBackend.outbox.clear()
    yield
    MemoryBackend.outbox.clear()


@pytest.fixture
def sms_outbox():
    return MemoryBackend.outbox


@pytest.fixture
def email_on(settings):
    settings.EMAIL_HOST = "smtp.example.gov.cn"
    settings.SITE_URL = "https://zx.example.gov.cn"


@pytest.fixture
def upcoming(db):
    """A standing committee meeting next week, with time, place and topic."""
    return meetings.meeting_create(
        actor=None,
        kind=KindCode.STANDING,
        term=TermFactory(),
        topic="安置房建设和“保交楼”工作",
        start_date=timezone.localdate() + dt.timedelta(days=7),
        start_time=dt.time(9, 0),
        place="市政协三楼会议室",
        description="议程：听取市住建局情况通报；委员协商发言。",
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """What a real SMTP server (aiosmtpd, in a thread of the test) received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.raw.append(envelope.content)
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"

    def subject(self, message: EmailMessage) -> str:
        """The subject as a mail client shows it: the raw header's RFC 2047 words decoded."""
        raw = self.raw[self.messages.index(message)]
        return str(make_header(decode_header(message_from_bytes(raw)["Subject"])))


@contextmanager
def smtp_server(port: int) -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


class Gateway:
    """A local HTTP SMS gateway: records each request; answers as `mode` says."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.mode = "ok"
        self.lock = threading.Lock()


@contextmanager
def sms_gateway() -> Iterator[tuple[Gateway, str]]:
    gateway = Gateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's hook name
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with gateway.lock:
                gateway.requests.append(body)
            if gateway.mode == "slow":
                time.sleep(2)
            status, answer = {
                "ok": (200, {"code": 0, "msgId": f"M{len(gateway.requests)}"}),
                "bad": (400, {"code": 40001, "msg": "mobile invalid"}),
                "refuse": (200, {"code": 1003, "msg": "模板不存在"}),
                "slow": (200, {"code": 0}),
            }[gateway.mode]
            data = json.dumps(answer).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up waiting

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway, f"http://127.0.0.1:{server.server_address[1]}/api/send"
    finally:
        server.shutdown()
        server.server_close()
