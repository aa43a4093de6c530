"""Password rules beyond Django's own (docs/security.md says which standard they follow)."""

import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum-length validator with the Chinese message its catalogue lacks."""

    def get_error_message(self):
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Django's validator, its help text addressing the user with 您 like every page of ours."""

    def get_help_text(self):
        return "密码不能与您的姓名、手机号码等个人信息太相似。"


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_help_text(self):
        return "密码不能是常见密码。"


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_help_text(self):
        return "密码不能全部是数字。"


class PersonalNumberValidator:
    """Refuses a password containing the user's phone number or resident ID number, or any run of
    `min_run` or more consecutive characters of either (the last six digits, the birth date...).
    Django's similarity validator compares whole strings and lets `Ab138000#x` through."""

    def __init__(self, min_run: int = 6):
        self.min_run = min_run

    def numbers(self, user) -> list[str]:
        phone = getattr(user, "phone", None)
        national = str(getattr(phone, "national_number", "") or "") if phone else ""
        id_number = str(getattr(user, "id_number", "") or "").upper()
        return [number for number in (national, id_number) if len(number) >= self.min_run]

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        typed = re.sub(r"\s", "", password).upper()
        for number in self.numbers(user):
            runs = (number[i : i + self.min_run] for i in range(len(number) - self.min_run + 1))
            if any(run in typed for run in runs):
                raise ValidationError(self.message(), code="password_contains_personal_number")

    def message(self) -> str:
        return f"密码不能包含您的手机号码或身份证号码，也不能包含其中连续 {self.min_run} 位及以上的字符。"

    def get_help_text(self) -> str:
        return self.message()
