"""Corrections to the statutory calendar (SPEC 9): days the department declares working days or
holidays where the kept library is wrong or does not know the year yet (the State Council
announces each year's 调休 late in the year before)."""

from django.db import models


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        WORKDAY = "workday", "工作日（含调休上班）"
        HOLIDAY = "holiday", "休息日（法定节假日或调休放假）"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    note = models.CharField("说明", max_length=100, blank=True, help_text="例如：2027年春节调休上班")

    class Meta:
        verbose_name = "工作日调整"
        verbose_name_plural = "工作日调整"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"

    @property
    def is_workday(self) -> bool:
        return self.kind == self.Kind.WORKDAY
