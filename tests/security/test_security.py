"""Production settings, headers, login throttling, error pages, CSRF and database faults."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from proposals.models import Proposal
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_production_settings_pass_the_deployment_check():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DEBUG": "false",
            "HTTPS": "true",
            "ALLOWED_HOSTS": "zx.example.gov.cn",
            "SECRET_KEY": "k" * 20 + "Zq8#vL2@pW9!xR4$tY7^uI1&oP3*aS6(dF5)gH0_jK",
            "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
        }
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_pages_carry_a_strict_content_security_policy_and_need_no_inline_script(staff_client):
    MemberFactory()
    response = staff_client.get(reverse("members:list"))
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "frame-ancestors 'none'" in policy
        and "'unsafe-inline'" not in policy
    )
    for page in (reverse("members:list"), reverse("home"), reverse("dashboard:index")):
        html = staff_client.get(page).content.decode()
        inline = [
            s for s in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html) if "application/json" not in s
        ]
        assert inline == [], f"inline script on {page}"
        assert not re.search(r"\son[a-z]+=\"", html), f"inline event handler on {page}"
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"


def test_every_response_has_a_request_id_and_keeps_a_valid_one_from_the_proxy(anonymous):
    response = anonymous.get(reverse("healthz"))
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert (
        anonymous.get(reverse("healthz"), HTTP_X_REQUEST_ID="proxy-1234abcd")["X-Request-ID"]
        == "proxy-1234abcd"
    )
    assert anonymous.get(reverse("healthz"), HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_repeated_wrong_passwords_lock_the_account_out_with_a_chinese_message(staff):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("login"), {"username": "staff", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "staff", "password": "Passw0rd!x"})
    assert response.status_code == 429
    assert "密码错误次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session, "even the right password is refused while locked out"


def test_a_successful_login_is_recorded(staff):
    from axes.models import AccessLog

    client = Client()
    client.post(reverse("login"), {"username": "staff", "password": "Passw0rd!x"})
    assert AccessLog.objects.filter(username="staff").exists()


def test_a_weak_password_is_refused_when_staff_set_one(staff_client):
    member = MemberFactory()
    response = staff_client.post(
        reverse("accounts:member", args=[member.pk]), {"username": "weak", "password": "abc12345"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and ("密码长度太短" in body or "这个密码太常见了" in body)


@pytest.mark.parametrize(("url", "status", "text"), [("/no-such-page/", 404, "页面不存在")])
def test_error_pages_are_in_chinese(staff_client, url, status, text, settings):
    settings.DEBUG = False
    response = staff_client.get(url)
    assert response.status_code == status and text in response.content.decode()


def test_a_403_page_says_why_in_chinese(leader_client):
    response = leader_client.get(reverse("members:create"))
    assert response.status_code == 403 and "无权进行这项操作" in response.content.decode()


def test_a_database_connection_dropped_mid_request_saves_nothing_and_says_so(staff_client):
    lead = MemberFactory()
    data = {"year": 2023, "number": 1, "title": "案由", "lead": lead.pk, "submitted_on": "2023-01-08"}
    with mock.patch("members.dossier.sync", side_effect=OperationalError("server closed the connection")):
        response = staff_client.post(reverse("proposals:create"), data)
    assert response.status_code == 503
    assert "数据库暂时不可用" in response.content.decode()
    assert not Proposal.objects.exists(), "the proposal saved before the failure was rolled back"


def _post_urls():
    from tests.cppcc.test_access_matrix import EXPECTED

    return sorted(name for name, (method, _target, _answers) in EXPECTED.items() if method == "post")


@pytest.mark.parametrize("name", _post_urls())
def test_every_post_needs_the_csrf_token(name, staff, targets):
    from tests.cppcc.test_access_matrix import EXPECTED

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    _method, target, _answers = EXPECTED[name]
    args = targets(target)[0] if target else []
    response = client.post(reverse(name, args=args), {})
    assert response.status_code == 403, name


def test_a_double_submitted_create_form_saves_once_and_sends_the_second_to_the_same_place(staff_client):
    from sentiments.models import SentimentReport

    author = MemberFactory()
    page = staff_client.get(reverse("sentiments:create")).content.decode()
    token = re.search(r'name="submit_token" value="([0-9a-f]{32})"', page).group(1)
    data = {
        "year": 2023,
        "title": "关于停车难的反映",
        "authors": [author.pk],
        "reported_on": "2023-03-01",
        "submit_token": token,
    }
    first = staff_client.post(reverse("sentiments:create"), data)
    second = staff_client.post(reverse("sentiments:create"), data, follow=True)
    assert SentimentReport.objects.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "已经提交过，没有重复保存" in second.content.decode()


def test_a_form_sent_back_with_errors_can_be_sent_again_with_its_token(staff_client):
    from sentiments.models import SentimentReport

    author = MemberFactory()
    data = {
        "year": 2023,
        "title": "",
        "authors": [author.pk],
        "reported_on": "2023-03-01",
        "submit_token": "a" * 32,
    }
    response = staff_client.post(reverse("sentiments:create"), data)
    assert response.status_code == 200 and 'value="' + "a" * 32 + '"' in response.content.decode()
    staff_client.post(reverse("sentiments:create"), {**data, "title": "补上标题"})
    assert SentimentReport.objects.get().title == "补上标题"


def test_json_logs_carry_the_request_id(anonymous, caplog):
    import json
    import logging

    from cppcc.logs import JsonFormatter
    from cppcc.security import RequestIdFilter

    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            RequestIdFilter().filter(record)
            records.append(JsonFormatter().format(record))

    handler = Keep()
    logging.getLogger("cppcc.auth").addHandler(handler)
    try:
        response = anonymous.post(
            reverse("login"), {"username": "nobody", "password": "x"}, HTTP_X_REQUEST_ID="trace-12345678"
        )
    finally:
        logging.getLogger("cppcc.auth").removeHandler(handler)
    line = json.loads(records[-1])
    assert response["X-Request-ID"] == "trace-12345678"
    assert line["request_id"] == "trace-12345678" and line["message"] == "failed login nobody"


def test_a_short_password_is_refused_in_chinese(staff_client, member):
    response = staff_client.post(
        reverse("accounts:member", args=[member.pk]), {"username": "newname", "password": "abc"}
    )
    body = response.content.decode()
    assert "密码太短，至少需要 10 个字符" in body
    assert "too short" not in body


def test_opening_a_post_only_address_shows_the_apps_page(staff_client):
    member = MemberFactory()
    response = staff_client.get(reverse("members:reactivate", args=[member.pk]))
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "请通过页面上的按钮操作" in response.content.decode()


def test_logged_in_pages_and_exports_are_not_kept_by_caches(staff_client, member):
    for url in (reverse("members:detail", args=[member.pk]), reverse("members:export")):
        cache = staff_client.get(url)["Cache-Control"]
        assert "no-store" in cache and "private" in cache, url


def test_the_language_cookie_is_secure_and_same_site_behind_https():
    import os
    import subprocess
    import sys

    env = {**os.environ, "HTTPS": "true", "DJANGO_SETTINGS_MODULE": "cppcc.settings"}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s; "
            "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_HTTPONLY)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["True", "Lax", "True"]


def test_a_refused_request_is_logged_in_one_line(member_client, caplog):
    with caplog.at_level("WARNING", logger="django.request"):
        assert member_client.get(reverse("members:list")).status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    import logging

    # The project's console handler, as configured by settings.LOGGING, writes the record.
    (console,) = [
        h
        for h in logging.getLogger().handlers
        if any(type(f).__name__ == "ShortForbiddenFilter" for f in h.filters)
    ]
    assert console.filter(record)
    assert "Traceback" not in console.format(record) and "Forbidden" in console.format(record)
