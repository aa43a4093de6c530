"""Simulated applicants against a running server (used by bench/run.py; needs only `requests`).

Each applicant, in its own thread, all at once:
  login            GET the login page, POST account, password and captcha ("PASSED": the bench
                   server runs with CAPTCHA_TEST_MODE) through the real form
  edit section     GET and POST a new 主要工作经历 entry
  upload 2 MB PDF  GET and POST a new 学历信息 entry with a 2 MB PDF as 毕业证书扫描件
  submit           GET the check-and-submit page, POST the pledge

Cookies are kept by hand: the production settings mark them Secure, and a cookie jar would not
send them back over plain http to 127.0.0.1.
"""

from __future__ import annotations

import re
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import requests

from declarations.samples import ENTRY_DATA, pdf_of_size
from declarations.workflow import Status

STEPS = ("login", "edit section", "upload 2 MB PDF", "submit")
CAPTCHA_KEY_RE = re.compile(r'name="captcha_0"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="captcha_0"')

WORK_EXPERIENCE = ENTRY_DATA["work-experience"]  # the form data the tests post
EDUCATION = {
    "level": "master",
    "degree": "master",
    "school": "太原理工大学",
    "major": "结构工程",
    "graduation_date": "2013-07-01",
    "study_years": "3",
    "certificate_number": "101121201305001234",
}


class Failure(Exception):
    def __init__(self, step: str, detail: str):
        super().__init__(f"{step}: {detail}")
        self.step = step


@dataclass
class Browser:
    base: str
    timeout: float
    cookies: dict = field(default_factory=dict)
    statuses: list = field(default_factory=list)

    def __post_init__(self):
        self.session = requests.Session()

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        response = self.session.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=self.timeout, **kwargs
        )
        self.session.cookies.clear()
        for header in response.raw.headers.getlist("Set-Cookie"):
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        self.statuses.append(response.status_code)
        return response

    def expect(self, step: str, response: requests.Response, status: int, location: str = "") -> None:
        if response.status_code != status or location not in response.headers.get("Location", location):
            raise Failure(step, f"{response.request.method} {response.url} gave {response.status_code}")

    def post_form(self, path: str, data: dict, **kwargs) -> requests.Response:
        return self.request(
            "POST", path, data={"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}, **kwargs
        )

    # --- the steps ---

    def login(self, account: str, password: str) -> None:
        page = self.request("GET", "/accounts/login/")
        self.expect("login", page, 200)
        match = CAPTCHA_KEY_RE.search(page.text)
        if match is None:
            raise Failure("login", "no captcha on the login page")
        key = match.group(1) or match.group(2)
        data = {"account": account, "password": password, "captcha_0": key, "captcha_1": "PASSED"}
        self.expect("login", self.post_form("/accounts/login/", data), 302)

    def add_entry(self, step: str, section: str, data: dict, files: dict | None = None) -> None:
        path = f"/applicant/profile/{section}/add/"
        self.expect(step, self.request("GET", path), 200)
        self.expect(step, self.post_form(path, data, files=files), 302, f"/applicant/profile/{section}/")

    def submit(self, declaration: int) -> None:
        path = f"/applicant/declarations/{declaration}/submit/"
        self.expect("submit", self.request("GET", path), 200)
        response = self.post_form(path, {"pledge": "on", "expected_status": Status.SIGNED_UP})
        self.expect("submit", response, 302, f"/applicant/declarations/{declaration}/")


@dataclass
class Outcome:
    timings: dict = field(default_factory=lambda: {step: [] for step in STEPS})
    statuses: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    completed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def applicant_run(base, applicant, password, pdf, deadline, start, outcome: Outcome) -> None:
    browser = Browser(base, timeout=max(deadline - time.monotonic(), 1))
    start.wait()
    steps = (
        ("login", lambda: browser.login(applicant["account"], password)),
        ("edit section", lambda: browser.add_entry("edit section", "work-experience", WORK_EXPERIENCE)),
        (
            "upload 2 MB PDF",
            lambda: browser.add_entry(
                "upload 2 MB PDF",
                "education",
                EDUCATION,
                files={"diploma_scan": ("毕业证书.pdf", pdf, "application/pdf")},
            ),
        ),
        ("submit", lambda: browser.submit(applicant["declaration"])),
    )
    try:
        for name, action in steps:
            started = time.monotonic()
            action()
            with outcome.lock:
                outcome.timings[name].append(time.monotonic() - started)
        with outcome.lock:
            outcome.completed += 1
    except (Failure, requests.RequestException) as error:
        with outcome.lock:
            outcome.failures.append(str(error))
    finally:
        with outcome.lock:
            outcome.statuses.extend(browser.statuses)


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(int(round(fraction * (len(ordered) - 1))), len(ordered) - 1)]


def run(base: str, applicants: list[dict], password: str, seconds: float, pdf_size: int = 2 * 1024 * 1024) -> dict:
    """Run every applicant at once for at most `seconds`; return counts and per-step timings."""
    pdf = pdf_of_size(pdf_size)
    outcome = Outcome()
    start = threading.Barrier(len(applicants) + 1)
    deadline = time.monotonic() + seconds
    with ThreadPoolExecutor(max_workers=len(applicants)) as pool:
        futures = [
            pool.submit(applicant_run, base, applicant, password, pdf, deadline, start, outcome)
            for applicant in applicants
        ]
        started = time.monotonic()
        start.wait()
        _done, pending = wait(futures, timeout=max(deadline - time.monotonic(), 1) + 5)
        elapsed = time.monotonic() - started
    steps = {
        step: {
            "count": len(times),
            "p50_ms": statistics.median(times) * 1000 if times else float("nan"),
            "p95_ms": percentile(times, 0.95) * 1000,
        }
        for step, times in outcome.timings.items()
    }
    return {
        "applicants": len(applicants),
        "completed": outcome.completed,
        "timed_out": len(pending),
        "seconds": round(elapsed, 1),
        "requests": len(outcome.statuses),
        "server_errors": sum(1 for status in outcome.statuses if status >= 500),
        "failures": outcome.failures[:5],
        "failure_count": len(outcome.failures),
        "steps": steps,
    }
