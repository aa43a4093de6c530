"""Review data (SPEC 7): the ordered stages of a round, each stage's decision on one submission of a
declaration, and the per-section verdicts behind it. The declaration's status lives in
`declarations.workflow`; this app only records what the reviewers decided.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from declarations.models import Declaration, DeclarationRound
from declarations.roles import reviewer_choices
from declarations.sections import SECTIONS
from declarations.workflow import Decision, comment_required_constraint

DEFAULT_STAGE_NAME = "厅审核"


class ReviewStage(models.Model):
    """One step of a round's review chain (e.g. 初审 → 复审). A stage without listed reviewers may be
    decided by any reviewer (`declarations.roles.is_reviewer`).
    """

    round = models.ForeignKey(
        DeclarationRound, on_delete=models.CASCADE, related_name="review_stages", verbose_name="申报批次"
    )
    order = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("阶段名称", max_length=50)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="review_stages",
        limit_choices_to=reviewer_choices,
        verbose_name="审核人",
        help_text="不选择时，所有审核人均可审核本阶段。",
    )

    class Meta:
        verbose_name = "审核阶段"
        verbose_name_plural = "审核阶段"
        ordering = ["round", "order"]
        constraints = [models.UniqueConstraint(fields=["round", "order"], name="unique_stage_order_per_round")]

    def __str__(self) -> str:
        return f"{self.round} · {self.name}"


class StageReview(models.Model):
    """The decision of one stage on one submission (`sequence` 1, or 2 for the second declaration).
    The unique constraint is the last word when two reviewers decide at once.
    """

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="stage_reviews", verbose_name="申报"
    )
    stage = models.ForeignKey(ReviewStage, on_delete=models.PROTECT, related_name="reviews", verbose_name="审核阶段")
    sequence = models.PositiveSmallIntegerField("第几次提交")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stage_reviews", verbose_name="审核人"
    )
    decision = models.CharField("审核结论", max_length=10, choices=Decision.choices)
    comment = models.TextField("审核意见", blank=True)
    decided_at = models.DateTimeField("审核时间", default=timezone.now)

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "阶段审核结论"
        verbose_name_plural = "阶段审核结论"
        ordering = ["declaration", "sequence", "stage__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "stage", "sequence"], name="one_decision_per_stage_and_submission"
            ),
            comment_required_constraint("stage_fail_needs_comment", "decision"),
        ]

    def __str__(self) -> str:
        return f"{self.declaration} · {self.stage.name} · {self.get_decision_display()}"


class SectionVerdict(models.Model):
    """通过 / 不通过 for one of the 11 profile sections; 不通过 always carries a comment."""

    review = models.ForeignKey(StageReview, on_delete=models.CASCADE, related_name="verdicts", verbose_name="阶段审核")
    section_key = models.CharField("栏目", max_length=40, choices=[(s.key, s.heading) for s in SECTIONS])
    verdict = models.CharField("结论", max_length=10, choices=Decision.choices)
    comment = models.TextField("意见", blank=True)

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "栏目审核结论"
        verbose_name_plural = "栏目审核结论"
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "section_key"], name="one_verdict_per_section"),
            comment_required_constraint("section_fail_needs_comment", "verdict"),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_key_display()}：{self.get_verdict_display()}"


class DecisionCorrection(models.Model):
    """A stage's decision corrected before release (SPEC 7): who corrected it, when and why, and the
    decision it replaced (verdicts, comment and reviewer), kept as they were."""

    review = models.ForeignKey(
        StageReview, on_delete=models.CASCADE, related_name="corrections", verbose_name="阶段审核结论"
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="更正人"
    )
    corrected_at = models.DateTimeField("更正时间", default=timezone.now)
    reason = models.TextField("更正原因")
    old_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="原审核人"
    )
    old_decision = models.CharField("原审核结论", max_length=10, choices=Decision.choices)
    old_comment = models.TextField("原审核意见", blank=True)
    old_decided_at = models.DateTimeField("原审核时间")
    # [{"section_key", "verdict", "comment"}, …] as they were before the correction.
    old_verdicts = models.JSONField("原栏目结论", default=list)

    class Meta:
        verbose_name = "审核结论更正"
        verbose_name_plural = "审核结论更正"
        ordering = ["review", "corrected_at", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="correction_needs_reason")]

    def __str__(self) -> str:
        return f"{self.review} · 更正于 {self.corrected_at:%Y-%m-%d %H:%M}"
