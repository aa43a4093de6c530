"""Sign in with a phone number or a resident ID number (staff may also use their username)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from phonenumber_field.phonenumber import PhoneNumber
from phonenumbers import NumberParseException

from .validators import normalize_resident_id


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
        user = self.find_user(account)
        if user is None:
            # Run the hasher anyway so timing does not reveal whether the account exists.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    @staticmethod
    def find_user(account: str):
        user_model = get_user_model()
        query = Q(username=account) | Q(id_number=normalize_resident_id(account))
        phone = _as_phone(account)
        if phone:
            query |= Q(phone=phone)
        matches = list(user_model._default_manager.filter(query)[:2])
        return matches[0] if len(matches) == 1 else None
