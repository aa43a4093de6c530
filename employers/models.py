"""Employers (单位, SPEC 9): the register the department approves, the officers (单位经办人) who work
for an employer, the applicants' choice of employer, and the records of the employer's check of a
declaration: remarks, returns for correction (退回补正), the internal 公示 and the recommendation.
Every change of a declaration's status goes through `declarations.workflow`.
"""

import secrets

from django.conf import settings
from django.db import models

from declarations.models import Declaration, DeclarationRound, PrivateFile
from declarations.models.profile import EmployerType
from employers.credit_code import normalize, validate_credit_code


class Employer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "已认证"
        REFUSED = "refused", "未通过"
        DISABLED = "disabled", "已停用"

    name = models.CharField("单位名称", max_length=200)
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={
            "unique": "该统一社会信用代码已登记，请勿重复注册；如需加入该单位，请联系单位现有经办人邀请。"
        },
    )
    employer_type = models.CharField("单位性质", max_length=30, choices=EmployerType.choices)
    address = models.CharField("单位地址", max_length=255)
    contact_name = models.CharField("联系人", max_length=50)
    contact_phone = models.CharField("联系电话", max_length=20)
    licence = models.ForeignKey(
        PrivateFile, on_delete=models.PROTECT, related_name="+", verbose_name="营业执照或法人证书"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    status_reason = models.TextField("审核意见", blank=True)
    registered_at = models.DateTimeField("注册时间", auto_now_add=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )

    class Meta:
        verbose_name = "用人单位"
        verbose_name_plural = "用人单位"
        ordering = ["name"]
        permissions = [("approve_employer", "可以审核用人单位注册")]
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = normalize(self.credit_code)
        super().save(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Officer(models.Model):
    """An employer officer's account: a non-staff user of account type 单位经办人."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_officer", verbose_name="账户"
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="officers", verbose_name="单位")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="邀请人",
    )
    created_at = models.DateTimeField("加入时间", auto_now_add=True)

    class Meta:
        verbose_name = "单位经办人"
        verbose_name_plural = "单位经办人"
        ordering = ["employer", "created_at"]

    def __str__(self) -> str:
        return f"{self.employer} · {self.user.get_short_name()}"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class OfficerInvitation(models.Model):
    """An officer of an approved employer invites a colleague; the link in the SMS is the key."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="invitations", verbose_name="单位")
    real_name = models.CharField("姓名", max_length=50)
    phone = models.CharField("手机号码", max_length=20)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="邀请人"
    )
    created_at = models.DateTimeField("邀请时间", auto_now_add=True)
    expires_at = models.DateTimeField("有效期至")
    accepted_at = models.DateTimeField("接受时间", null=True, blank=True)

    class Meta:
        verbose_name = "经办人邀请"
        verbose_name_plural = "经办人邀请"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.employer} 邀请 {self.real_name}"


class Affiliation(models.Model):
    """The employer an applicant chose from the register in 基本信息 (the free-text employer of the
    profile stays for the record). A declaration at the employer's check is that employer's."""

    applicant = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliation", verbose_name="申报人"
    )
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="staff", verbose_name="单位")
    chosen_at = models.DateTimeField("选择时间", auto_now=True)

    class Meta:
        verbose_name = "申报人所在单位"
        verbose_name_plural = "申报人所在单位"

    def __str__(self) -> str:
        return f"{self.applicant} · {self.employer}"


class Remark(models.Model):
    """An officer's remark on one section of a declaration; the applicant sees only the reasons of
    the sections actually returned for correction, once returned."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="+", verbose_name="申报")
    section_key = models.CharField("栏目", max_length=40)
    text = models.TextField("意见", max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="经办人"
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "单位审核意见"
        verbose_name_plural = "单位审核意见"
        constraints = [models.UniqueConstraint(fields=["declaration", "section_key"], name="one_remark_per_section")]

    def __str__(self) -> str:
        return f"{self.section_key}: {self.text[:20]}"


class CorrectionRequest(models.Model):
    """One 退回补正: which sections, why, until when; closed by the resubmission or the deadline."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="correction_requests", verbose_name="申报"
    )
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="经办人"
    )
    sections = models.JSONField("退回栏目及原因")
    due = models.DateTimeField("补正截止时间")
    created_at = models.DateTimeField("退回时间", auto_now_add=True)

    class Meta:
        verbose_name = "退回补正"
        verbose_name_plural = "退回补正"
        ordering = ["declaration", "created_at"]

    def __str__(self) -> str:
        return f"{self.declaration_id} 退回补正（截止 {self.due:%Y-%m-%d}）"


class Publicity(models.Model):
    """The employer's internal 公示 of the declarations it will recommend (SPEC 9)."""

    class Outcome(models.TextChoices):
        RUNNING = "running", "公示中（结果待定）"
        NO_OBJECTION = "no_objection", "无异议"
        OBJECTION_SETTLED = "objection_settled", "有异议，已处理"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="publicities", verbose_name="单位")
    round = models.ForeignKey(DeclarationRound, on_delete=models.PROTECT, related_name="+", verbose_name="申报批次")
    declarations = models.ManyToManyField(Declaration, related_name="+", verbose_name="公示的申报")
    start_date = models.DateField("公示开始日期")
    end_date = models.DateField("公示结束日期")
    place = models.CharField("公示地点或方式", max_length=200, help_text="例如：单位办公楼一楼公告栏、单位内网")
    report = models.ForeignKey(
        PrivateFile, on_delete=models.PROTECT, related_name="+", verbose_name="公示照片或公示报告"
    )
    outcome = models.CharField("公示结果", max_length=20, choices=Outcome.choices, default=Outcome.RUNNING)
    objection = models.TextField("异议情况", blank=True)
    settlement = models.TextField("处理结果", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="经办人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "单位公示"
        verbose_name_plural = "单位公示"
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="publicity_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer} {self.start_date}～{self.end_date}"


class Recommendation(models.Model):
    """The employer's 推荐 of one declaration, with the 真实性保证 its officer confirmed."""

    declaration = models.OneToOneField(
        Declaration, on_delete=models.CASCADE, related_name="employer_recommendation", verbose_name="申报"
    )
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="经办人"
    )
    publicity = models.ForeignKey(Publicity, on_delete=models.PROTECT, related_name="+", verbose_name="单位公示")
    guarantee = models.TextField("真实性保证")
    created_at = models.DateTimeField("推荐时间", auto_now_add=True)

    class Meta:
        verbose_name = "单位推荐"
        verbose_name_plural = "单位推荐"

    def __str__(self) -> str:
        return f"{self.employer} 推荐 {self.declaration_id}"
