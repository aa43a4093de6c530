"""The employer's internal 公示 (SPEC 9): recorded with its dates, place, report and outcome; a
declaration may be recommended only once a 公示 that included it has ended, with a result, after
running at least the round's number of working days on the Chinese calendar (`workdays`)."""

from datetime import date

from django.db import transaction

from declarations.entries import remove_stored_files, store_private_file
from declarations.workflow import Status
from employers.models import Publicity
from workdays.calendar import count_workdays


def working_days(publicity: Publicity) -> int:
    return count_workdays(publicity.start_date, publicity.end_date)


def refusal(publicity: Publicity | None, required: int, today: date) -> str:
    """Why a declaration in `publicity` may not be recommended on `today` ('' when it may)."""
    if publicity is None:
        return "推荐前须先进行单位公示：请在“单位公示”中登记包含该申报的公示。"
    run = working_days(publicity)
    if run < required:
        return (
            f"单位公示期（{publicity.start_date:%Y-%m-%d} 至 {publicity.end_date:%Y-%m-%d}）只有 {run} 个工作日，"
            f"不足本批次要求的 {required} 个工作日（按国家法定节假日及调休安排计算），不能推荐。"
        )
    if today <= publicity.end_date:
        return f"单位公示至 {publicity.end_date:%Y-%m-%d} 结束，公示期满后方可推荐。"
    if publicity.outcome == Publicity.Outcome.RUNNING:
        return "请先在“单位公示”中登记公示结果（无异议，或异议及其处理情况）。"
    return ""


def publicity_of(declaration, employer) -> Publicity | None:
    """The latest 公示 of `employer` that included `declaration`."""
    return Publicity.objects.filter(employer=employer, declarations=declaration).order_by("-end_date", "-pk").first()


def eligible_declarations(queryset):
    """Of the employer's declarations, those a 公示 may list: waiting at its check."""
    return queryset.filter(status=Status.EMPLOYER_REVIEW).select_related("applicant", "title", "round")


def save_publicity(officer, publicity: Publicity, declarations, report=None) -> Publicity:
    """Create or update a 公示 from the form; `report` is a checked upload or None (keep)."""
    stored = []
    try:
        with transaction.atomic():
            if report is not None:
                publicity.report = store_private_file(officer.user, report)
                stored.append(publicity.report.file.name)
            publicity.employer = officer.employer
            publicity.recorded_by = officer.user
            publicity.save()
            publicity.declarations.set(declarations)
    except BaseException:
        remove_stored_files(stored)
        raise
    return publicity
