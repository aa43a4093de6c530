"""The security audit log: who did what from where, and whether it worked (SPEC 4)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", "登录"
        LOGOUT = "logout", "退出"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOCKOUT = "lockout", "账号锁定"
        REGISTER = "register", "注册"
        PASSWORD_RESET_REQUEST = "password_reset_request", "申请找回密码"
        PASSWORD_RESET = "password_reset", "找回密码"
        PASSWORD_CHANGE = "password_change", "修改密码"
        PASSWORD_CHANGE_FAILED = "password_change_failed", "修改密码失败"
        SMS_CODE_REQUEST = "sms_code_request", "申请短信验证码"
        SMS_SEND = "sms_send", "发送短信"
        SECOND_FACTOR = "second_factor", "动态口令验证"
        VIEW_ID_NUMBER = "view_id_number", "查看完整身份证号码"

    class Outcome(models.TextChoices):
        SUCCESS = "success", "成功"
        FAILURE = "failure", "失败"
        REFUSED = "refused", "拒绝"

    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    # What was typed or targeted (a phone or ID number), already masked.
    account = models.CharField("账号", max_length=64, blank=True)
    action = models.CharField("操作", max_length=32, choices=Action.choices, db_index=True)
    outcome = models.CharField("结果", max_length=16, choices=Outcome.choices)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    detail = models.CharField("说明", max_length=255, blank=True)

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.get_outcome_display()} {self.account}"
