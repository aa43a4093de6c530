"""Sign in with a phone number or a resident ID number (staff may also use their username).

Every path that authenticates (our login page and the Wagtail admin's) goes through this
backend, so the lockout rules and the failed-login audit apply to all of them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from phonenumber_field.phonenumber import PhoneNumber
from phonenumbers import NumberParseException

from . import audit, throttle
from .pii import id_number_digest


def _as_phone(value: str) -> str | None:
    try:
        number = PhoneNumber.from_string(value, region="CN")
    except NumberParseException:
        return None
    return number.as_e164 if number.is_valid() else None


class PhoneOrIdNumberBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        account = (username or kwargs.get(get_user_model().USERNAME_FIELD) or "").strip()
        if not account or password is None:
            return None
        ip = audit.client_ip(request)
        if throttle.current_lock(account, ip):
            audit.record(audit.Action.LOGIN_FAILED, audit.Outcome.REFUSED, account=account, ip=ip, detail="已锁定")
            raise PermissionDenied  # stops authenticate() from trying any other backend
        user = self.find_user(account)
        if user is None:
            # Run the hasher anyway so timing does not reveal whether the account exists.
            get_user_model()().set_password(password)
        elif user.check_password(password) and self.user_can_authenticate(user):
            throttle.clear_failures(account)
            return user
        lock = throttle.record_failure(account, ip)
        audit.record(audit.Action.LOGIN_FAILED, audit.Outcome.FAILURE, user=user, account=account, ip=ip)
        if lock:
            audit.record(
                audit.Action.LOCKOUT, audit.Outcome.SUCCESS, user=user, account=account, ip=ip, detail=lock.detail
            )
        return None

    @staticmethod
    def find_user(account: str):
        user_model = get_user_model()
        query = Q(username=account)
        digest = id_number_digest(account)
        if digest:
            query |= Q(id_number_digest=digest)
        phone = _as_phone(account)
        if phone:
            query |= Q(phone=phone)
        matches = list(user_model._default_manager.filter(query)[:2])
        return matches[0] if len(matches) == 1 else None
