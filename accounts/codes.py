"""One-time SMS codes for registration and password reset (SPEC 4): six digits, stored as a keyed
hash, valid SMS_CODE_TTL seconds, dead after SMS_CODE_MAX_FAILED_ATTEMPTS wrong tries, resent
after SMS_CODE_RESEND_INTERVAL, at most SMS_CODE_DAILY_LIMIT_PER_PHONE a day per phone and
SMS_CODE_HOURLY_LIMIT_PER_IP an hour per client address."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from . import audit
from .models import VerificationCode
from .sms.services import queue_sms
from .sms.templates import VERIFICATION_CODE

Purpose = VerificationCode.Purpose


class CodeRefused(Exception):
    """A code cannot be sent now; ``str()`` is the Chinese message for the user."""


class CodeInvalid(Exception):
    """The typed code is wrong, expired or used up; ``str()`` is the Chinese message."""


def _hash(code: str, salt: str) -> str:
    return salted_hmac("accounts.verification-code", f"{salt}:{code}", algorithm="sha256").hexdigest()


def _start_of_today():
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def request_code(phone: str, purpose: str, *, ip: str | None, user=None, send: bool = True) -> VerificationCode:
    """Create a fresh code for ``phone`` (E.164) and queue its SMS, or raise CodeRefused.

    ``send=False`` records the code without sending it: a password reset for an unknown phone (or
    a registration for a registered one) goes through every limit exactly like the other kind, so
    the answers cannot tell them apart."""
    now = timezone.now()
    latest = VerificationCode.objects.filter(phone=phone).order_by("-created_at").first()
    wait = settings.SMS_CODE_RESEND_INTERVAL
    if latest and (elapsed := (now - latest.created_at).total_seconds()) < wait:
        _refuse(phone, purpose, ip, f"请 {int(wait - elapsed) + 1} 秒后再重新获取验证码。")
    if (
        VerificationCode.objects.filter(phone=phone, created_at__gte=_start_of_today()).count()
        >= settings.SMS_CODE_DAILY_LIMIT_PER_PHONE
    ):
        _refuse(phone, purpose, ip, "该手机号今天获取验证码的次数已达上限，请明天再试。")
    if (
        ip
        and VerificationCode.objects.filter(ip=ip, created_at__gte=now - timedelta(hours=1)).count()
        >= settings.SMS_CODE_HOURLY_LIMIT_PER_IP
    ):
        _refuse(phone, purpose, ip, "获取验证码过于频繁，请稍后再试。")
    # Two simultaneous requests can both pass the checks above; only one of them may create the
    # successor of the latest code. (The timeout only cleans up; the clock checks are above.)
    if not caches["throttle"].add(f"sms-code-gate:{phone}:{latest.pk if latest else 0}", 1, timeout=wait):
        _refuse(phone, purpose, ip, f"请 {wait} 秒后再重新获取验证码。")

    code = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(8)
    with transaction.atomic():
        row = VerificationCode.objects.create(
            phone=phone,
            purpose=purpose,
            user=user,
            salt=salt,
            code_hash=_hash(code, salt),
            created_at=now,
            expires_at=now + timedelta(seconds=settings.SMS_CODE_TTL),
            ip=ip,
        )
        if send:
            queue_sms(phone, VERIFICATION_CODE.key, {"code": code, "minutes": settings.SMS_CODE_TTL // 60})
    audit.record(
        audit.Action.SMS_CODE_REQUEST,
        audit.Outcome.SUCCESS,
        user=user,
        account=phone,
        ip=ip,
        detail=VerificationCode.Purpose(purpose).label + ("" if send else "（未发送）"),
    )
    return row


def _refuse(phone: str, purpose: str, ip: str | None, message: str):
    audit.record(
        audit.Action.SMS_CODE_REQUEST,
        audit.Outcome.REFUSED,
        account=phone,
        ip=ip,
        detail=f"{VerificationCode.Purpose(purpose).label}：{message}",
    )
    raise CodeRefused(message)


def check_code(phone: str, purpose: str, code: str) -> VerificationCode:
    """Consume the newest live code for ``phone`` if ``code`` matches; raise CodeInvalid otherwise."""
    now = timezone.now()
    problem = None
    with transaction.atomic():
        row = (
            VerificationCode.objects.select_for_update()
            .filter(phone=phone, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if row is None or row.expires_at <= now:
            problem = "验证码错误或已过期，请重新获取。"
        elif row.failed_attempts >= settings.SMS_CODE_MAX_FAILED_ATTEMPTS:
            problem = "验证码输入错误次数过多，已失效，请重新获取。"
        elif not constant_time_compare(_hash((code or "").strip(), row.salt), row.code_hash):
            row.failed_attempts += 1
            row.save(update_fields=["failed_attempts"])
            left = settings.SMS_CODE_MAX_FAILED_ATTEMPTS - row.failed_attempts
            problem = f"验证码错误，还可以再试 {left} 次。" if left else "验证码输入错误次数过多，已失效，请重新获取。"
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
    if problem:
        raise CodeInvalid(problem)
    return row
