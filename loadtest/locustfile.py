"""Load test: 50 people at once on gunicorn + PostgreSQL, on this machine only (`make loadtest`).

The mix follows a working morning: leaders read the dashboard, staff search the register and save
sign-in sheets, a member reads the dossier and reports a deed. Every request is checked for its
status; a sign-in save must be accepted (each staff user saves its own meeting's sheet).

Two phases, reported apart: the login storm (every user's password hashed once, PBKDF2) and the
steady state after the last user has logged in — when the last login ends, its figures are written to
var/load_login.json and the statistics start again, so the final CSV holds the steady state only.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from html import unescape
from urllib.parse import urlencode

from locust import FastHttpUser, between, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "Demo@2023")
YEAR = os.environ.get("LOAD_YEAR", "2023")
MEETINGS = itertools.count()
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
USERS = int(os.environ.get("USERS", "50"))
LOGGED_IN = itertools.count(1)
STARTED = time.monotonic()
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _login_phase_done(environment) -> None:
    """Keep the login storm's figures, then start the steady state's statistics afresh."""
    stats = environment.stats
    login = stats.get("login", "POST")
    phase = {
        "users": USERS,
        "seconds": round(time.monotonic() - STARTED, 1),
        "requests": stats.total.num_requests,
        "failures": stats.total.num_failures,
        "login_p50_ms": login.get_response_time_percentile(0.5),
        "login_p95_ms": login.get_response_time_percentile(0.95),
        "login_max_ms": round(login.max_response_time or 0),
        "pages_p95_ms": stats.total.get_response_time_percentile(0.95),
    }
    os.makedirs("var", exist_ok=True)
    with open("var/load_login.json", "w") as out:
        json.dump(phase, out)
    stats.reset_all()


def _found(pattern: re.Pattern[str] | str, text: str, what: str) -> str:
    """The first group of `pattern` in a page, or a failure that says which part of which page is gone."""
    match = re.search(pattern, text)
    if match is None:
        raise RuntimeError(f"{what} not found in the page: has its markup changed?")
    return match.group(1)


class Person(FastHttpUser):
    # FastHttpUser (geventhttpclient) costs the load generator a fraction of the CPU that requests
    # does, and locust shares this machine's two cores with gunicorn and PostgreSQL.
    abstract = True
    username = ""
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="login page")
        token = _found(TOKEN, page.text or "", "login form's CSRF token")
        response = self.client.post(
            "/accounts/login/",
            urlencode({"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token}),
            headers=FORM,
            name="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.username} could not log in: {response.status_code}")
        if next(LOGGED_IN) == USERS:
            _login_phase_done(self.environment)

    def form_token(self, url: str, name: str) -> tuple[str, str]:
        page = self.client.get(url, name=name)
        text = page.text or ""
        return text, _found(TOKEN, text, f"{name}'s CSRF token")


class Leader(Person):
    weight = 2
    username = "leader"

    @task
    def dashboard(self) -> None:
        self.client.get(f"/dashboard/?year={YEAR}", name="dashboard")
        # The page fetches its inactive-members panel right after it arrives, as a browser does.
        self.client.get(f"/dashboard/inactive/?year={YEAR}&panel=1", name="dashboard inactive panel")


class Staff(Person):
    weight = 2
    username = "staff"

    def on_start(self) -> None:
        super().on_start()
        self.meeting = os.environ.get("LOAD_MEETINGS", "1").split(",")[next(MEETINGS) % 30]

    @task(3)
    def member_list(self) -> None:
        self.client.get("/members/?is_standing=1", name="member list")
        self.client.get("/members/?q=王", name="member search")

    @task(1)
    def sign_in_save(self) -> None:
        html, token = self.form_token(f"/meetings/{self.meeting}/sheet/", "sign-in sheet")
        data = {
            "csrfmiddlewaretoken": token,
            "was": unescape(_found(r'name="was" value="([^"]*)"', html, "sign-in sheet's 'was' field")),
        }
        for member_id, status in re.findall(r"name=status-(\d+) value=(\w+) id=\w+ checked", html):
            data[f"status-{member_id}"] = status
            data[f"speech-{member_id}"] = ""
            data[f"reason-{member_id}"] = ""
        with self.client.post(
            f"/meetings/{self.meeting}/sheet/",
            urlencode(data),
            headers=FORM,
            name="sign-in save",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sheet not saved: {response.status_code}")


class MemberUser(Person):
    weight = 1
    username = "member"

    @task(3)
    def dossier(self) -> None:
        self.client.get(f"/me/?year={YEAR}", name="own dossier")

    @task(1)
    def self_report(self) -> None:
        _html, token = self.form_token("/me/report/", "self-report form")
        with self.client.post(
            "/me/report/",
            urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "kind": "visit",
                    "date": f"{YEAR}-06-01",
                    "title": "走访社区了解诉求",
                }
            ),
            headers=FORM,
            name="self-report",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"report not saved: {response.status_code}")
