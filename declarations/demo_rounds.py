"""Demo title catalogue (工程系列, seven specialties × four levels) and an open round for the
current year. Idempotent: rerunning finds what exists.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from declarations.models import DeclarationRound, TitleCatalogue, TitleLevel
from declarations.round_phases import RoundPhase, round_windows

SERIES = "工程系列"
SPECIALTIES = ("建筑工程", "市政工程", "给排水", "暖通", "电气", "工程造价", "工程管理")
TITLE_NAMES = {
    TitleLevel.JUNIOR: "助理工程师",
    TitleLevel.INTERMEDIATE: "工程师",
    TitleLevel.ASSOCIATE_SENIOR: "高级工程师",
    TitleLevel.SENIOR: "正高级工程师",
}


def seed_catalogue() -> list[TitleCatalogue]:
    titles = []
    for order, specialty in enumerate(SPECIALTIES):
        for level, title_name in TITLE_NAMES.items():
            title, _ = TitleCatalogue.objects.get_or_create(
                series=SERIES,
                specialty=specialty,
                level=level,
                defaults={"title_name": title_name, "sort_order": order},
            )
            titles.append(title)
    return titles


# Each step of a demo round (sign-up, submission, review, second declaration) lasts a month.
DEMO_WINDOW = timedelta(days=30)
# The open round's sign-up began this long ago: long enough for the demo employer's 单位公示 of
# the first declarations to have run its five working days.
DEMO_SIGNUP_BEGAN = timedelta(days=24)


def seed_open_round(titles: list[TitleCatalogue], now: datetime | None = None) -> DeclarationRound:
    now = timezone.localtime(now or timezone.now())
    year = now.year
    name = f"{year}年度建设工程专业技术职称评审"
    declaration_round = DeclarationRound.objects.filter(year=year, name=name).first()
    if declaration_round is None:
        windows = round_windows(RoundPhase.SIGNUP_OPEN, now, window=DEMO_WINDOW)
        shift = windows["signup_starts_at"] - (now - DEMO_SIGNUP_BEGAN)
        declaration_round = DeclarationRound.objects.create(
            year=year,
            name=name,
            # The whole chain of SPEC 9 runs in the demo round, beginning with the employer's check.
            uses_employer_step=True,
            **{moment: value - shift for moment, value in windows.items()},
        )
        declaration_round.titles.set(titles)
    return declaration_round


def seed(command) -> list:
    declaration_round = seed_open_round(seed_catalogue())
    command.stdout.write(f"职称目录 {TitleCatalogue.objects.count()} 项；{signup_summary(declaration_round)}")
    return []


def signup_summary(declaration_round: DeclarationRound, now: datetime | None = None) -> str:
    """What the round's calendar says now: a rerun weeks later must not call a closed round open."""
    ends = timezone.localtime(declaration_round.signup_ends_at).strftime("%Y-%m-%d %H:%M")
    starts = timezone.localtime(declaration_round.signup_starts_at).strftime("%Y-%m-%d %H:%M")
    if declaration_round.is_signup_open(now):
        return f"批次 {declaration_round} 正在报名，报名截止 {ends}"
    if (now or timezone.now()) < declaration_round.signup_starts_at:
        return f"批次 {declaration_round} 尚未开始报名（{starts} 开始）"
    return f"批次 {declaration_round} 报名已于 {ends} 截止，现在不能新报名"
