"""An applicant's declaration for one title in one round, its transition log and the snapshots
that freeze the profile at submission (SPEC 6). The statuses and transitions live in
`declarations.workflow`, the only code that writes `status`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.pii import IdNumberJSONField
from declarations.storage import private_storage
from declarations.workflow.statuses import Decision, Phase, Status, phase_of

from .catalogue import DeclarationRound, TitleCatalogue
from .files import PrivateFile


def form_pdf_upload_to(instance: "DeclarationSnapshot", filename: str) -> str:
    # Beside the evidence files, under a name that reveals neither the applicant nor the round.
    return f"forms/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class Declaration(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declarations", verbose_name="申报人"
    )
    round = models.ForeignKey(
        DeclarationRound, on_delete=models.PROTECT, related_name="declarations", verbose_name="申报批次"
    )
    title = models.ForeignKey(
        TitleCatalogue, on_delete=models.PROTECT, related_name="declarations", verbose_name="申报职称"
    )
    # Copied from the round so that the database itself can hold "one declaration a year".
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.SIGNED_UP)
    signed_up_at = models.DateTimeField("报名时间", auto_now_add=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    resubmitted_at = models.DateTimeField("二次申报提交时间", null=True, blank=True)
    recommended_at = models.DateTimeField("单位推荐时间", null=True, blank=True)
    # While returned for correction (单位退回补正): the sections that may change, each with its
    # reason ({section key: reason}), and until when the corrected declaration may be resubmitted.
    correction_sections = models.JSONField("退回补正栏目", default=dict, blank=True)
    correction_due = models.DateTimeField("补正截止时间", null=True, blank=True)
    released_at = models.DateTimeField("结果退回时间", null=True, blank=True)
    # The reviewers' decision; invisible to the applicant until the round's results are released.
    pending_decision = models.CharField("待发布审核结论", max_length=10, choices=Decision.choices, blank=True)
    pending_comment = models.TextField("待发布审核意见", blank=True)
    result_comment = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = "职称申报"
        verbose_name_plural = "职称申报"
        ordering = ["-year", "-signed_up_at"]
        # The reviewer's role (declarations.roles); reading is Django's own view permission.
        permissions = [("review_declaration", "可以审核职称申报")]
        constraints = [
            models.UniqueConstraint(fields=["applicant", "year"], name="one_declaration_per_applicant_per_year"),
        ]
        indexes = [
            models.Index(fields=["round", "status"]),
            # The reviewers' queue: submitted declarations in order of submission, a page at a time.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(submitted_at__isnull=False),
                name="declaration_queue_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.title.title_name}（{self.get_status_display()}）"

    @property
    def phase(self) -> Phase:
        """What the status means: public name, advice, lock, submission (declarations.workflow)."""
        return phase_of(self)

    @property
    def latest_snapshot(self) -> "DeclarationSnapshot | None":
        return self.snapshots.order_by("-sequence", "-revision").first()


class DeclarationTransition(models.Model):
    """One change of status: who (or the system), when, from which status to which, and why."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="transitions", verbose_name="申报"
    )
    name = models.CharField("操作", max_length=30)
    from_status = models.CharField("原状态", max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField("新状态", max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    actor_role = models.CharField("操作人身份", max_length=20)
    comment = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "申报状态变更"
        verbose_name_plural = "申报状态变更"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


class DeclarationSnapshot(models.Model):
    """The profile as submitted: per section, every entry's fields with raw and display values.
    `sequence` 1 is the first submission, 2 the second declaration (二次申报); `revision` counts
    the resubmissions of one submission after the employer returned it for correction (退回补正).
    """

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="snapshots", verbose_name="申报"
    )
    sequence = models.PositiveSmallIntegerField("第几次提交")
    revision = models.PositiveSmallIntegerField("补正次序", default=1)
    data = IdNumberJSONField("申报内容")  # the ID numbers in it are stored encrypted
    created_at = models.DateTimeField("冻结时间", auto_now_add=True)
    # The declaration form (申报表) drawn from `data` once, by a queued task when the snapshot is
    # frozen or at the first download (declarations.downloads.stored_form_pdf); never redrawn.
    form_pdf = models.FileField(
        "申报表 PDF", storage=private_storage, upload_to=form_pdf_upload_to, max_length=255, blank=True
    )
    form_pdf_sha256 = models.CharField("申报表 SHA-256", max_length=64, blank=True)

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "申报快照"
        verbose_name_plural = "申报快照"
        ordering = ["declaration", "sequence", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "sequence", "revision"], name="one_snapshot_per_submission_revision"
            ),
        ]

    def __str__(self) -> str:
        corrected = f"（第{self.revision - 1}次补正）" if self.revision > 1 else ""
        return f"{self.declaration} 第{self.sequence}次提交{corrected}"


class SnapshotFile(models.Model):
    """A file the snapshot refers to. The file is marked frozen and can never be deleted (PROTECT)."""

    snapshot = models.ForeignKey(
        DeclarationSnapshot, on_delete=models.CASCADE, related_name="files", verbose_name="申报快照"
    )
    file = models.ForeignKey(PrivateFile, on_delete=models.PROTECT, related_name="snapshot_refs", verbose_name="文件")
    section_key = models.CharField("栏目", max_length=40)
    entry_position = models.PositiveSmallIntegerField("条目序号")
    label = models.CharField("附件名称", max_length=100)

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "快照附件"
        verbose_name_plural = "快照附件"
        ordering = ["snapshot", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.file.original_name}"
