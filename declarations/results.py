"""What an applicant may see of the review of their declaration (SPEC 7, manual 3.1/3.2): nothing
until the round's results are released; afterwards the result, each failed section with the
reviewer's comment and a link to fix it, and the review log without reviewer names.

The reviewers' records belong to the review app, which hands them over by registering a provider
here (`register_provider`); the applicant side never imports the review app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from declarations import workflow
from declarations.models import Declaration
from declarations.sections import SECTIONS_BY_KEY
from declarations.workflow import Status

FINAL_FAIL_MESSAGE = "二次申报仍未通过审核，本年度申报已结束。您可以在明年重新申报。"


@dataclass(frozen=True)
class FailedSection:
    key: str
    comment: str
    stage: str = ""

    @property
    def heading(self) -> str:
        section = SECTIONS_BY_KEY.get(self.key)
        return f"{section.number} {section.title}" if section else self.key

    @property
    def url(self) -> str:
        return f"/applicant/profile/{self.key}/"


@dataclass(frozen=True)
class LogRow:
    """One line of the review log: 序号, time, reviewer (empty for applicants), stage, action,
    result, comment."""

    number: int
    time: datetime
    stage: str
    action: str
    result: str
    comment: str
    reviewer: str = ""


@dataclass(frozen=True)
class ReviewRecords:
    """What the review app hands over for the released submissions of one declaration."""

    failed_sections: list[FailedSection] = field(default_factory=list)
    log: list[LogRow] = field(default_factory=list)


# (declaration, released_submissions) -> ReviewRecords, without reviewer names.
Provider = Callable[[Declaration, int], ReviewRecords]
_provider: Provider | None = None


def register_provider(provider: Provider) -> None:
    global _provider  # one provider per process, set when the review app is ready
    _provider = provider


@dataclass(frozen=True)
class ReleasedResult:
    declaration: Declaration
    passed: bool
    final: bool
    comment: str
    failed_sections: list[FailedSection]
    log: list[LogRow]
    may_resubmit: bool

    @property
    def message(self) -> str:
        if self.passed:
            return "您的申报已审核通过。"
        if self.final:
            return FINAL_FAIL_MESSAGE
        return "您的申报未通过审核。请根据下列审核意见修改相应栏目，然后在“职称管理 → 职称申报”中进行二次申报。"


def released_submissions(declaration: Declaration) -> int:
    """How many submissions of the declaration have a released result (0 before the first)."""
    if declaration.status in (Status.FAILED, Status.RESUBMITTED):
        return 1
    if declaration.status == Status.FINAL_FAILED:
        return 2
    if declaration.status == Status.PASSED:
        return 2 if declaration.resubmitted_at else 1
    return 0


def released_result(declaration: Declaration | None, user=None) -> ReleasedResult | None:
    """The released result of the declaration's latest released submission, or None when nothing
    has been released yet (decisions recorded before the release time stay invisible)."""
    if declaration is None:
        return None
    released = released_submissions(declaration)
    if not released:
        return None
    records = _provider(declaration, released) if _provider else ReviewRecords()
    # While the second declaration is in review the first result stays on show.
    status = Status.FAILED if declaration.status == Status.RESUBMITTED else declaration.status
    return ReleasedResult(
        declaration=declaration,
        passed=status == Status.PASSED,
        final=status == Status.FINAL_FAILED,
        comment=declaration.result_comment,
        failed_sections=records.failed_sections if status != Status.PASSED else [],
        log=records.log,
        may_resubmit=user is not None and workflow.allowed(declaration, "resubmit", user),
    )
