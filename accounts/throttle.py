"""Login throttling with cache counters (SPEC 4): LOGIN_FAILURE_LIMIT failures lock an account,
LOGIN_IP_FAILURE_LIMIT failures lock a client address, each for LOGIN_LOCKOUT_SECONDS.

The account key is the user's id when the typed phone/ID number/username resolves to one user,
so switching between phone and ID number does not reset the count; otherwise the typed text.
A wrong old password at the password change counts on the same user key and address (SPEC 4)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.utils import timezone

from .pii import id_number_digest


@dataclass(frozen=True)
class Lock:
    until: dt.datetime
    by_ip: bool

    @property
    def message(self) -> str:
        return self._tell("该网络地址登录失败次数过多，已暂停登录", "该账号连续登录失败次数过多，已被锁定", "试")

    @property
    def password_change_message(self) -> str:
        return self._tell(
            "该网络地址密码验证失败次数过多，已暂停", "原密码连续输入错误次数过多，账号已被锁定", "修改密码"
        )

    @property
    def detail(self) -> str:
        """The audit log's account of the lock: by what, until when."""
        return ("按网络地址" if self.by_ip else "按账号") + f"锁定至 {self.until.isoformat()}"

    def _tell(self, by_ip: str, by_account: str, then: str) -> str:
        when = timezone.localtime(self.until).strftime("%H:%M")
        minutes = settings.LOGIN_LOCKOUT_SECONDS // 60
        return f"{by_ip if self.by_ip else by_account} {minutes} 分钟，请于 {when} 之后再{then}。"


def user_key(user) -> str:
    return f"user:{user.pk}"


def account_key(account: str) -> str:
    from .backends import PhoneOrIdNumberBackend

    user = PhoneOrIdNumberBackend.find_user(account)
    if user is not None:
        return user_key(user)
    # A keyed digest, so a typed ID number or phone never sits in the cache in the clear.
    return "name:" + (id_number_digest(account.replace(" ", "")[:64]) or "")


def _counters() -> BaseCache:
    # Apart from the page cache, whose evictions must never reset a lockout.
    return caches["throttle"]


def _lock_key(key: str) -> str:
    return f"login-lock:{key}"


def _count_key(key: str) -> str:
    return f"login-failures:{key}"


def _active_lock(key: str, by_ip: bool) -> Lock | None:
    until = _counters().get(_lock_key(key))
    if until is None:
        return None
    until = dt.datetime.fromtimestamp(until, tz=dt.UTC)
    return Lock(until, by_ip) if until > timezone.now() else None


def current_lock(account: str, ip: str | None) -> Lock | None:
    """The lock that stops this login attempt, if any (the account's first, then the address's)."""
    return _current_lock(account_key(account), ip)


def current_user_lock(user, ip: str | None) -> Lock | None:
    """The lock that stops a logged-in user's password check (the password change)."""
    return _current_lock(user_key(user), ip)


def _current_lock(key: str, ip: str | None) -> Lock | None:
    lock = _active_lock(key, by_ip=False)
    if lock is None and ip:
        lock = _active_lock(f"ip:{ip}", by_ip=True)
    return lock


def _count_failure(key: str, limit: int, by_ip: bool) -> Lock | None:
    window = settings.LOGIN_LOCKOUT_SECONDS
    _counters().add(_count_key(key), 0, timeout=window)
    try:
        failures = _counters().incr(_count_key(key))
    except ValueError:  # expired between add and incr
        _counters().set(_count_key(key), 1, timeout=window)
        failures = 1
    if failures < limit:
        return None
    until = timezone.now() + dt.timedelta(seconds=window)
    _counters().set(_lock_key(key), until.timestamp(), timeout=window)
    _counters().delete(_count_key(key))
    return Lock(until, by_ip)


def record_failure(account: str, ip: str | None) -> Lock | None:
    """Count one failed login; return the lock it triggered, if it triggered one."""
    return _record_failure(account_key(account), ip)


def record_user_failure(user, ip: str | None) -> Lock | None:
    """Count one wrong password typed by a logged-in user, like a failed login of her account."""
    return _record_failure(user_key(user), ip)


def _record_failure(key: str, ip: str | None) -> Lock | None:
    lock = _count_failure(key, settings.LOGIN_FAILURE_LIMIT, by_ip=False)
    if ip:
        lock = _count_failure(f"ip:{ip}", settings.LOGIN_IP_FAILURE_LIMIT, by_ip=True) or lock
    return lock


def clear_failures(account: str) -> None:
    _counters().delete(_count_key(account_key(account)))


def clear_user_failures(user) -> None:
    _counters().delete(_count_key(user_key(user)))
