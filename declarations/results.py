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
from declarations.workflow.statuses import Released


@dataclass(frozen=True)
class FailedSection:
    key: str
    comment: str
    stage: str = ""

    @property
    def heading(self) -> str:
        section = SECTIONS_BY_KEY.get(self.key)
        return section.heading if section else self.key

    @property
    def url(self) -> str:
        return SECTIONS_BY_KEY[self.key].url


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
    result: Status  # the released result on show: 审核通过, 审核未通过 or 最终未通过
    comment: str
    failed_sections: list[FailedSection]
    log: list[LogRow]
    may_resubmit: bool

    @property
    def passed(self) -> bool:
        return self.result == Status.PASSED

    @property
    def final(self) -> bool:
        return self.result == Status.FINAL_FAILED

    @property
    def heading(self) -> str:
        """The result on show; while the second declaration is in review it is the first one's."""
        if self.declaration.phase.released is Released.PREVIOUS:
            return f"{self.result.label}（首次申报）"
        return self.result.label

    @property
    def message(self) -> str:
        """The advice of the declaration's status now (a second declaration in review is told to
        wait, not to declare again)."""
        return workflow.advice(self.declaration)


def released_result(declaration: Declaration | None, user=None) -> ReleasedResult | None:
    """The released result of the declaration's latest released submission, or None when nothing
    has been released yet (decisions recorded before the release time stay invisible)."""
    if declaration is None:
        return None
    released = workflow.released_submissions(declaration)
    if not released:
        return None
    records = _provider(declaration, released) if _provider else ReviewRecords()
    # While the second declaration is in review the first result stays on show.
    result = declaration.phase.result
    return ReleasedResult(
        declaration=declaration,
        result=result,
        comment=declaration.result_comment,
        failed_sections=[] if result == Status.PASSED else records.failed_sections,
        log=records.log,
        may_resubmit=user is not None and workflow.allowed(declaration, "resubmit", user),
    )
