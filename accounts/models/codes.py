"""One-time SMS verification codes, stored only as a keyed hash."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class VerificationCode(models.Model):
    class Purpose(models.TextChoices):
        REGISTER = "register", "注册"
        PASSWORD_RESET = "password_reset", "找回密码"

    phone = models.CharField("手机号码", max_length=20)
    purpose = models.CharField("用途", max_length=20, choices=Purpose.choices)
    # Set only when the phone belongs to an account; a reset for an unknown phone still gets a row
    # so that limits and answers are the same either way.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "短信验证码"
        verbose_name_plural = "短信验证码"
        indexes = [
            models.Index(fields=["phone", "purpose", "-created_at"], name="code_phone_idx"),
            models.Index(fields=["ip", "-created_at"], name="code_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.created_at:%Y-%m-%d %H:%M}"
