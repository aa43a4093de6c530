"""The title catalogue and the declaration rounds (申报批次) that open titles for a year (SPEC 6)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


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
    are released together (统一退回) and until when a failed applicant may declare a second time.
    """

    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("批次名称", max_length=100)
    titles = models.ManyToManyField(TitleCatalogue, verbose_name="开放职称", related_name="rounds")
    signup_starts_at = models.DateTimeField("报名开始时间")
    signup_ends_at = models.DateTimeField("报名截止时间")
    submission_ends_at = models.DateTimeField("提交截止时间", help_text="报名开始后即可提交，至此时间截止。")
    results_release_at = models.DateTimeField("审核结果统一退回时间")
    second_declaration_ends_at = models.DateTimeField("二次申报截止时间")
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

    class Meta:
        verbose_name = "申报批次"
        verbose_name_plural = "申报批次"
        ordering = ["-year", "-signup_starts_at"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        moments = [
            ("signup_starts_at", self.signup_starts_at),
            ("signup_ends_at", self.signup_ends_at),
            ("submission_ends_at", self.submission_ends_at),
            ("results_release_at", self.results_release_at),
            ("second_declaration_ends_at", self.second_declaration_ends_at),
        ]
        if any(value is None for _, value in moments):
            return
        if self.pk and self.declarations.exclude(submitted_at=None).exists():
            before = DeclarationRound.objects.filter(pk=self.pk).values_list("uses_employer_step", flat=True).first()
            if before is not None and before != self.uses_employer_step:
                raise ValidationError({"uses_employer_step": "本批次已有申报提交，不能再更改是否使用单位审核环节。"})
        for (_, earlier), (field, later) in zip(moments, moments[1:], strict=False):
            if later < earlier:
                label = self._meta.get_field(field).verbose_name
                raise ValidationError({field: f"{label}不能早于前一个时间节点。"})

    # The windows; every check on the server goes through these.
    def is_signup_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.signup_starts_at <= now <= self.signup_ends_at

    def is_submission_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.signup_starts_at <= now <= self.submission_ends_at

    def is_release_due(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.results_release_at

    def is_second_declaration_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.results_release_at <= now <= self.second_declaration_ends_at
