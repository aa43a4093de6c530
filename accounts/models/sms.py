"""The SMS outbox: every message we send, its parameters and delivery state."""

from django.db import models
from django.utils import timezone

from accounts.masking import mask_phone
from accounts.sms.templates import TEMPLATES, render


class SmsMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "待发送"
        RETRYING = "retrying", "等待重试"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"

    phone = models.CharField("手机号码", max_length=20)
    template = models.CharField("短信模板", max_length=50)
    params = models.JSONField("模板参数", default=dict, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.TextField("最近错误", blank=True)
    provider_message_id = models.CharField("服务商回执", max_length=100, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now, db_index=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "短信发件箱"
        verbose_name_plural = "短信发件箱"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        text = self.safe_text.removeprefix("【职称申报】")
        return f"{mask_phone(self.phone)}：{text[:16]}{'…' if len(text) > 16 else ''}"

    @property
    def text(self) -> str:
        """The message as a person reads it (the console backend prints this)."""
        return render(self.template, self.params)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    masked_phone.fget.short_description = "手机号码"

    @property
    def safe_params(self) -> str:
        """The parameters with one-time codes hidden, for the admin."""
        template = TEMPLATES.get(self.template)
        secret = template.secret_params if template else ()
        return ", ".join(f"{k}={'******' if k in secret else v}" for k, v in self.params.items())

    safe_params.fget.short_description = "模板参数"

    @property
    def safe_text(self) -> str:
        """The message as the applicant reads it, one-time codes hidden: what the admin shows
        instead of the template's key and parameter names."""
        template = TEMPLATES.get(self.template)
        if template is None:
            return self.template
        secret = set(template.secret_params)
        params = {k: ("******" if k in secret else v) for k, v in self.params.items()}
        try:
            return template.text.format(**params)
        except (KeyError, IndexError):  # parameters of an older version of the text
            return template.text

    safe_text.fget.short_description = "短信内容"
