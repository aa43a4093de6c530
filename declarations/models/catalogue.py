"""The title catalogue and the declaration rounds (申报批次) that open titles for a year (SPEC 6)."""

import itertools
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


def _moment(value: datetime) -> str:
    return timezone.localtime(value, timezone.get_default_timezone()).strftime("%Y-%m-%d %H:%M")


class TitleLevel(models.TextChoices):
    JUNIOR = "junior", "初级"
    INTERMEDIATE = "intermediate", "中级"
    ASSOCIATE_SENIOR = "associate_senior", "副高级"
    SENIOR = "senior", "正高级"


# Levels sort from 初级 up, not alphabetically by key.
LEVEL_RANK = models.Case(
    *[models.When(level=value, then=rank) for rank, value in enumerate(TitleLevel.values)],
    output_field=models.IntegerField(),
).asc()


class TitleCatalogue(models.Model):
    """One title that can be declared: series, specialty and level give the title's name."""

    series = models.CharField("系列", max_length=50, default="工程系列")
    specialty = models.CharField("专业", max_length=50)
    level = models.CharField("级别", max_length=20, choices=TitleLevel.choices)
    title_name = models.CharField("职称名称", max_length=50, help_text="例如：工程师、高级工程师")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "职称目录"
        verbose_name_plural = "职称目录"
        ordering = ["series", "sort_order", "specialty", LEVEL_RANK]
        constraints = [
            models.UniqueConstraint(fields=["series", "specialty", "level"], name="unique_title_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.series} · {self.specialty} · {self.title_name}（{self.get_level_display()}）"


class DeclarationRound(models.Model):
    """A year's round: which titles are open, when applicants sign up and submit, when the results
    are released together (统一退回), until when a failed applicant may declare a second time, and
    when the second declarations' results are released.
    """

    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("批次名称", max_length=100)
    titles = models.ManyToManyField(TitleCatalogue, verbose_name="开放职称", related_name="rounds")
    signup_starts_at = models.DateTimeField("报名开始时间")
    signup_ends_at = models.DateTimeField("报名截止时间")
    submission_ends_at = models.DateTimeField("提交截止时间", help_text="报名开始后即可提交，至此时间截止。")
    results_release_at = models.DateTimeField("审核结果统一退回时间")
    second_declaration_ends_at = models.DateTimeField("二次申报截止时间")
    second_results_release_at = models.DateTimeField(
        "二次申报结果统一退回时间", help_text="二次申报的审核结果于此时间统一退回，不能早于二次申报截止时间。"
    )
    # The round's chain (SPEC 9): which steps beyond the department's review it uses.
    uses_employer_step = models.BooleanField(
        "使用单位审核环节", default=False, help_text="勾选后，申报提交后先由所在单位审核、公示并推荐，再进入资格审查。"
    )
    employer_publicity_workdays = models.PositiveSmallIntegerField(
        "单位公示最少工作日", default=5, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    correction_workdays = models.PositiveSmallIntegerField(
        "退回补正期限（工作日）", default=5, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    one_reviewer_for_all_stages = models.BooleanField(
        "允许同一人审核多个阶段",
        default=False,
        help_text="默认同一人对同一申报只能审核一个阶段（初审、复审分离）。仅在本部门确实只有一名审核人时勾选。",
    )

    class Meta:
        verbose_name = "申报批次"
        verbose_name_plural = "申报批次"
        ordering = ["-year", "-signup_starts_at"]

    def __str__(self) -> str:
        return self.name

    # The round's moments in the order they must follow each other.
    MOMENTS = (
        "signup_starts_at",
        "signup_ends_at",
        "submission_ends_at",
        "results_release_at",
        "second_declaration_ends_at",
        "second_results_release_at",
    )

    def clean(self) -> None:
        values = [(name, getattr(self, name)) for name in self.MOMENTS]
        if any(value is None for _, value in values):
            return
        if self.pk and self.declarations.exclude(submitted_at=None).exists():
            before = DeclarationRound.objects.filter(pk=self.pk).values_list("uses_employer_step", flat=True).first()
            if before is not None and before != self.uses_employer_step:
                raise ValidationError({"uses_employer_step": "本批次已有申报提交，不能再更改是否使用单位审核环节。"})
        errors = {}
        for (earlier_name, earlier), (name, later) in itertools.pairwise(values):
            if later < earlier:
                errors[name] = (
                    f"{self._label(name)}（{_moment(later)}）不能早于{self._label(earlier_name)}（{_moment(earlier)}）。"
                )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def _label(cls, name: str) -> str:
        return str(cls._meta.get_field(name).verbose_name)

    def release_at(self, submission: int = 1) -> datetime:
        """When the results of the first submission, or of the second declaration, are released."""
        return self.second_results_release_at if submission == 2 else self.results_release_at

    # The windows; every check on the server goes through these.
    def is_signup_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.signup_starts_at <= now <= self.signup_ends_at

    def is_submission_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.signup_starts_at <= now <= self.submission_ends_at

    def is_release_due(self, now: datetime | None = None, submission: int = 1) -> bool:
        return (now or timezone.now()) >= self.release_at(submission)

    def is_second_declaration_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.results_release_at <= now <= self.second_declaration_ends_at
