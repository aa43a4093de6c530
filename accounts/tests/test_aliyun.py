"""The Alibaba Cloud backend against a local fake of the provider's HTTP API."""

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine

from accounts.models import SmsMessage
from accounts.sms.backends.aliyun import sign_request
from accounts.sms.services import queue_sms
from accounts.tests.conftest import run_sms_worker

pytestmark = pytest.mark.django_db

KEY_ID, SECRET = "test-key-id", "test-key-secret"


def expected_signature(method, path, query, headers, body, secret):
    """The provider's V3 algorithm, written out independently of the backend's code."""
    pairs = sorted(urllib.parse.parse_qsl(query, keep_blank_values=True))
    quote = lambda s: urllib.parse.quote(s, safe="-_.~")  # noqa: E731
    canonical_query = "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
    signed = sorted(h for h in headers if h == "host" or h.startswith("x-acs-") or h == "content-type")
    canonical = "\n".join(
        [
            method,
            path,
            canonical_query,
            "".join(f"{h}:{headers[h].strip()}\n" for h in signed),
            ";".join(signed),
            hashlib.sha256(body).hexdigest(),
        ]
    )
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    return ";".join(signed), hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()


class FakeProvider:
    def __init__(self):
        self.requests = []
        self.answers = []  # (status, payload, delay) popped per request; OK when empty
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                url = urllib.parse.urlsplit(self.path)
                headers = {k.lower(): v for k, v in self.headers.items()}
                scheme, _, fields = headers.get("authorization", "").partition(" ")
                auth = dict(part.split("=", 1) for part in fields.split(",") if "=" in part)
                signed_names, signature = expected_signature("POST", url.path, url.query, headers, body, SECRET)
                valid = (
                    scheme == "ACS3-HMAC-SHA256"
                    and auth.get("Credential") == KEY_ID
                    and auth.get("SignedHeaders") == signed_names
                    and hmac.compare_digest(auth.get("Signature", ""), signature)
                    and headers.get("x-acs-content-sha256") == hashlib.sha256(body).hexdigest()
                )
                provider.requests.append(
                    {"params": dict(urllib.parse.parse_qsl(url.query)), "headers": headers, "valid": valid}
                )
                if not valid:
                    status, payload, delay = 400, {"Code": "SignatureDoesNotMatch", "Message": "bad signature"}, 0
                elif provider.answers:
                    status, payload, delay = provider.answers.pop(0)
                else:
                    status, payload, delay = 200, {"Code": "OK", "Message": "OK", "BizId": "biz-42"}, 0
                time.sleep(delay)
                data = json.dumps(payload | {"RequestId": "req-1"}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings):
    with FakeProvider() as fake:
        settings.SMS_BACKEND = "accounts.sms.backends.aliyun.AliyunSmsBackend"
        settings.SMS_ALIYUN_ACCESS_KEY_ID = KEY_ID
        settings.SMS_ALIYUN_ACCESS_KEY_SECRET = SECRET
        settings.SMS_ALIYUN_SIGN_NAME = "山西住建"
        settings.SMS_ALIYUN_ENDPOINT = fake.url
        settings.SMS_TEMPLATE_CODES = {"verification_code": "SMS_100", "notice": "SMS_200"}
        settings.SMS_TIMEOUT = 2
        yield fake


def test_signature_matches_the_providers_documented_example():
    # The worked example of the provider's V3 signature documentation (secret YourAccessKeySecret).
    signed_headers, signature = sign_request(
        method="POST",
        path="/",
        params={"ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId": "cn-shanghai"},
        headers={
            "host": "ecs.cn-shanghai.aliyuncs.com",
            "x-acs-action": "RunInstances",
            "x-acs-version": "2014-05-26",
            "x-acs-date": "2023-10-26T09:01:01Z",
            "x-acs-signature-nonce": "d410180a5abf7fe235dd9b74aca91fc0",
            "x-acs-content-sha256": hashlib.sha256(b"").hexdigest(),
        },
        body=b"",
        secret="YourAccessKeySecret",
    )
    assert signed_headers == "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
    assert signature == "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804"


def test_message_is_sent_as_a_signed_sendsms_request(provider):
    message = queue_sms("13800138000", "verification_code", {"code": "246810", "minutes": 5})

    run_sms_worker()

    [request] = provider.requests
    assert request["valid"]
    assert request["headers"]["x-acs-action"] == "SendSms"
    assert request["headers"]["x-acs-version"] == "2017-05-25"
    assert request["params"]["PhoneNumbers"] == "13800138000"
    assert request["params"]["SignName"] == "山西住建"
    assert request["params"]["TemplateCode"] == "SMS_100"
    assert json.loads(request["params"]["TemplateParam"]) == {"code": "246810", "minutes": "5"}
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.SENT
    assert message.provider_message_id == "biz-42"


def test_code_is_redacted_from_the_outbox_once_the_provider_accepted_it(provider):
    message = queue_sms("13800138000", "verification_code", {"code": "246810", "minutes": 5})

    run_sms_worker()

    message.refresh_from_db()
    assert message.params == {"code": "******", "minutes": 5}


def test_wrong_secret_is_rejected_by_the_provider_and_recorded(provider, settings):
    settings.SMS_ALIYUN_ACCESS_KEY_SECRET = "not-the-secret"
    message = queue_sms("13800138000", "notice", {"name": "张三", "title": "工程师"})

    run_sms_worker()

    message.refresh_from_db()
    assert provider.requests[0]["valid"] is False
    assert message.status == SmsMessage.Status.RETRYING
    assert "SignatureDoesNotMatch" in message.last_error


def test_provider_error_is_retried_after_the_delay_and_then_sent(provider):
    provider.answers.append((200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发流控"}, 0))
    message = queue_sms("13800138000", "notice", {"name": "张三", "title": "工程师"})

    run_sms_worker()
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.RETRYING
    assert message.attempts == 1
    assert "isv.BUSINESS_LIMIT_CONTROL" in message.last_error

    run_sms_worker()  # the retry is not due yet
    assert len(provider.requests) == 1

    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=61)):
        run_sms_worker()
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.SENT
    assert message.attempts == 2
    assert message.last_error == ""


def test_message_is_given_up_after_the_maximum_attempts(provider, settings):
    settings.SMS_MAX_ATTEMPTS = 2
    provider.answers.extend([(500, {"Code": "ServiceUnavailable", "Message": "down"}, 0)] * 2)
    message = queue_sms("13800138000", "notice", {"name": "张三", "title": "工程师"})

    run_sms_worker()
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)):
        run_sms_worker()
        run_sms_worker()

    message.refresh_from_db()
    assert message.status == SmsMessage.Status.FAILED
    assert message.attempts == 2
    assert "HTTP 500" in message.last_error
    assert len(provider.requests) == 2


def test_slow_provider_times_out_and_is_recorded(provider, settings):
    settings.SMS_TIMEOUT = 0.2
    provider.answers.append((200, {"Code": "OK", "BizId": "late"}, 1))
    message = queue_sms("13800138000", "notice", {"name": "张三", "title": "工程师"})

    run_sms_worker()

    message.refresh_from_db()
    assert message.status == SmsMessage.Status.RETRYING
    assert "unreachable" in message.last_error or "timed out" in message.last_error


def test_missing_template_code_is_recorded_without_calling_the_provider(provider, settings):
    settings.SMS_TEMPLATE_CODES = {}
    message = queue_sms("13800138000", "notice", {"name": "张三", "title": "工程师"})

    run_sms_worker()

    message.refresh_from_db()
    assert provider.requests == []
    assert "not configured" in message.last_error
