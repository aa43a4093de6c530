"""Alibaba Cloud SMS (dysmsapi ``SendSms``) over HTTPS, signed with ACS3-HMAC-SHA256 (the
provider's V3 request signature). Credentials, sign name and template codes come from settings."""

import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import UTC, datetime

from django.conf import settings

from accounts.sms.templates import provider_template_code

from .base import BaseSmsBackend, SmsSendError

ALGORITHM = "ACS3-HMAC-SHA256"
API_VERSION = "2017-05-25"


def percent_encode(value: str) -> str:
    return urllib.parse.quote(str(value), safe="-_.~")


def canonical_query(params: dict[str, str]) -> str:
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))


def sign_request(
    *, method: str, path: str, params: dict[str, str], headers: dict[str, str], body: bytes, secret: str
) -> tuple[str, str]:
    """Return (signed header names, hex signature) for a request, per the V3 algorithm:
    hash the canonical request, prefix the algorithm, HMAC-SHA256 it with the secret."""
    signed = {name.lower(): value.strip() for name, value in headers.items()}
    names = sorted(n for n in signed if n == "host" or n == "content-type" or n.startswith("x-acs-"))
    canonical_headers = "".join(f"{n}:{signed[n]}\n" for n in names)
    signed_headers = ";".join(names)
    canonical_request = "\n".join(
        [
            method.upper(),
            path or "/",
            canonical_query(params),
            canonical_headers,
            signed_headers,
            hashlib.sha256(body).hexdigest(),
        ]
    )
    string_to_sign = f"{ALGORITHM}\n{hashlib.sha256(canonical_request.encode()).hexdigest()}"
    signature = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    return signed_headers, signature


class AliyunSmsBackend(BaseSmsBackend):
    def __init__(self):
        self.access_key_id = settings.SMS_ALIYUN_ACCESS_KEY_ID
        self.access_key_secret = settings.SMS_ALIYUN_ACCESS_KEY_SECRET
        self.sign_name = settings.SMS_ALIYUN_SIGN_NAME
        self.endpoint = settings.SMS_ALIYUN_ENDPOINT
        self.timeout = settings.SMS_TIMEOUT

    def send(self, message) -> str:
        template_code = provider_template_code(message.template)
        if not (self.access_key_id and self.access_key_secret and template_code):
            raise SmsSendError(f"SMS provider not configured for template {message.template!r}")
        phone = message.phone.removeprefix("+86")
        params = {
            "PhoneNumbers": phone,
            "SignName": self.sign_name,
            "TemplateCode": template_code,
            "TemplateParam": json.dumps({k: str(v) for k, v in message.params.items()}, ensure_ascii=False),
        }
        url = urllib.parse.urlsplit(self.endpoint)
        body = b""
        headers = {
            "host": url.netloc,
            "x-acs-action": "SendSms",
            "x-acs-version": API_VERSION,
            "x-acs-date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "x-acs-signature-nonce": uuid.uuid4().hex,
            "x-acs-content-sha256": hashlib.sha256(body).hexdigest(),
        }
        path = url.path or "/"
        signed_headers, signature = sign_request(
            method="POST", path=path, params=params, headers=headers, body=body, secret=self.access_key_secret
        )
        headers["Authorization"] = (
            f"{ALGORITHM} Credential={self.access_key_id},SignedHeaders={signed_headers},Signature={signature}"
        )
        request = urllib.request.Request(  # noqa: S310 - the endpoint is our own setting
            f"{url.scheme}://{url.netloc}{path}?{canonical_query(params)}",
            data=body or None,  # no body: urllib then adds no (unsigned) Content-Type header
            headers=headers,
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                payload = response.read()
        except urllib.error.HTTPError as error:
            raise SmsSendError(f"HTTP {error.code}: {_describe(error.read())}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsSendError(f"provider unreachable: {getattr(error, 'reason', error)}") from None
        try:
            answer = json.loads(payload)
        except ValueError:
            raise SmsSendError(f"unreadable answer: {payload[:200]!r}") from None
        if answer.get("Code") != "OK":
            raise SmsSendError(_describe(payload))
        return answer.get("BizId", "")


def _describe(payload: bytes) -> str:
    try:
        answer = json.loads(payload)
        return f"{answer.get('Code')}: {answer.get('Message')} (RequestId {answer.get('RequestId')})"
    except ValueError:
        return payload[:200].decode("utf-8", "replace")
