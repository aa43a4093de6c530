"""The custom user: an applicant (or staff member) known by real name, phone and ID number."""

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from phonenumber_field.modelfields import PhoneNumberField

from ..managers import UserManager
from ..pii import EncryptedIdNumberField, id_number_digest
from ..validators import normalize_resident_id, parse_resident_id, validate_resident_id


class AccountType(models.TextChoices):
    """What an account that does not work in the admin is for; it decides where the user lands."""

    APPLICANT = "applicant", "申报人"
    EMPLOYER_OFFICER = "employer_officer", "单位经办人"


class User(AbstractUser):
    class Sex(models.TextChoices):
        MALE = "M", "男"
        FEMALE = "F", "女"

    account_type = models.CharField(
        "账户类型", max_length=20, choices=AccountType.choices, default=AccountType.APPLICANT
    )
    real_name = models.CharField("真实姓名", max_length=50, blank=True)
    phone = PhoneNumberField(
        "手机号码", region="CN", unique=True, null=True, blank=True, help_text="用于登录和接收短信验证码"
    )
    # Stored encrypted; uniqueness and lookups go through the keyed digest beside it.
    id_number = EncryptedIdNumberField(
        "身份证号码",
        max_length=18,
        null=True,
        blank=True,
        validators=[validate_resident_id],
        help_text="18 位居民身份证号码，用于登录",
    )
    id_number_digest = models.CharField(
        "身份证号码摘要", max_length=64, unique=True, null=True, blank=True, editable=False
    )
    employer = models.CharField("工作单位", max_length=200, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.get_short_name()

    def clean(self) -> None:
        super().clean()
        if self.id_number:
            self.id_number = normalize_resident_id(self.id_number)

    def save(self, *args, **kwargs) -> None:
        # Empty strings would collide on the unique index; store "no value" as NULL.
        self.id_number = normalize_resident_id(self.id_number) or None
        self.id_number_digest = id_number_digest(self.id_number)
        self.phone = self.phone or None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "id_number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "id_number_digest"}
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.real_name or super().get_full_name() or self.get_username()

    def get_short_name(self) -> str:
        """The name shown to people: the real name, or the account name of staff without one."""
        return self.real_name or self.get_username()

    @property
    def birth_date(self) -> dt.date | None:
        return parse_resident_id(self.id_number).birth_date if self.id_number else None

    @property
    def sex(self) -> str | None:
        return parse_resident_id(self.id_number).sex if self.id_number else None

    def get_sex_display(self) -> str:
        return self.Sex(self.sex).label if self.sex else ""

    @property
    def is_applicant(self) -> bool:
        """Applicants are the users who neither work in the admin nor for an employer."""
        return not (self.is_staff or self.is_superuser) and self.account_type == AccountType.APPLICANT

    @property
    def is_employer_officer(self) -> bool:
        return not (self.is_staff or self.is_superuser) and self.account_type == AccountType.EMPLOYER_OFFICER
