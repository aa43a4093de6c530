"""A round's calendar placed around a moment so that the moment falls in a given phase of it
(SPEC 6: sign-up, submission, result release, second declaration). The demo, the benchmark and
the tests' round factory build their rounds from it."""

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone


class RoundPhase(models.TextChoices):
    BEFORE_SIGNUP = "before", "报名未开始"
    SIGNUP_OPEN = "signup", "报名中"
    SUBMISSION_OPEN = "submission", "报名已截止，可提交"
    SUBMISSION_CLOSED = "review", "提交已截止，审核中"
    RELEASE_DUE = "release_due", "审核结果到期待退回"
    SECOND_DECLARATION_OPEN = "second", "二次申报中"
    SECOND_DECLARATION_CLOSED = "second_review", "二次申报已截止，审核中"
    CLOSED = "closed", "已结束"


# How far the round's sign-up start lies before the moment, in windows: 20% into the phase's
# window, except RELEASE_DUE, whose release time passed a minute ago.
_WINDOWS_BEFORE = {
    RoundPhase.BEFORE_SIGNUP: -0.2,
    RoundPhase.SIGNUP_OPEN: 0.2,
    RoundPhase.SUBMISSION_OPEN: 1.2,
    RoundPhase.SUBMISSION_CLOSED: 2.2,
    RoundPhase.SECOND_DECLARATION_OPEN: 3.2,
    RoundPhase.SECOND_DECLARATION_CLOSED: 4.2,
    RoundPhase.CLOSED: 5.2,
}


def round_windows(
    phase: RoundPhase | str, now: datetime | None = None, window: timedelta = timedelta(days=10)
) -> dict[str, datetime]:
    """The six `DeclarationRound` times, one `window` apart, that put `now` in `phase`."""
    now = now or timezone.now()
    phase = RoundPhase(phase)
    if phase == RoundPhase.RELEASE_DUE:
        starts = now - 3 * window - timedelta(minutes=1)
    else:
        starts = now - _WINDOWS_BEFORE[phase] * window
    return {
        "signup_starts_at": starts,
        "signup_ends_at": starts + window,
        "submission_ends_at": starts + 2 * window,
        "results_release_at": starts + 3 * window,
        "second_declaration_ends_at": starts + 4 * window,
        "second_results_release_at": starts + 5 * window,
    }
