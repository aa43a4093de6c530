"""A round's declarations, stages, section verdicts and decisions as an XLSX workbook (openpyxl),
with Chinese headers and masked ID numbers and phones; every text cell goes through
`accounts.spreadsheets`, so nothing an applicant or reviewer typed is ever a formula."""

from io import BytesIO

from openpyxl import Workbook

from accounts.masking import mask_id_number, mask_phone
from accounts.spreadsheets import append_row, finish_sheet
from declarations.models import Declaration, DeclarationRound
from declarations.sections import SECTIONS_BY_KEY
from review.models import SectionVerdict, StageReview
from review.stages import ensure_stages

DECLARATION_HEADERS = [
    "序号",
    "申报人",
    "身份证号",
    "手机号码",
    "工作单位",
    "申报职称",
    "状态",
    "申报批次",
    "职称系列",
    "专业",
    "级别",
    "提交时间",
    "二次申报提交时间",
]
VERDICT_HEADERS = ["申报人", "身份证号", "第几次提交", "审核阶段", "审核人", "栏目", "栏目结论", "栏目意见"]


def round_workbook(declaration_round: DeclarationRound) -> bytes:
    stages = ensure_stages(declaration_round)
    declarations = list(
        Declaration.objects.filter(round=declaration_round, submitted_at__isnull=False)
        .select_related("applicant", "title")
        .order_by("submitted_at", "pk")
    )
    reviews: dict[tuple[int, int, int], StageReview] = {
        (r.declaration_id, r.sequence, r.stage_id): r
        for r in StageReview.objects.filter(declaration__round=declaration_round).select_related("reviewer")
    }
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "申报与审核结论"
    headers = list(DECLARATION_HEADERS)
    for sequence_label in ("", "二次申报"):
        for stage in stages:
            headers += [
                f"{sequence_label}{stage.name}结论",
                f"{sequence_label}{stage.name}审核人",
                f"{sequence_label}{stage.name}意见",
            ]
    headers += ["审核结果意见"]
    append_row(sheet, headers)
    for number, declaration in enumerate(declarations, start=1):
        applicant = declaration.applicant
        row = [
            number,
            applicant.real_name,
            mask_id_number(applicant.id_number),
            mask_phone(applicant.phone),
            applicant.employer,
            declaration.title.title_name,
            declaration.get_status_display(),
            declaration_round.name,
            declaration.title.series,
            declaration.title.specialty,
            declaration.title.get_level_display(),
            declaration.submitted_at,
            declaration.resubmitted_at,
        ]
        for sequence in (1, 2):
            for stage in stages:
                review = reviews.get((declaration.pk, sequence, stage.pk))
                row += (
                    [review.get_decision_display(), review.reviewer.get_short_name(), review.comment]
                    if review
                    else ["", "", ""]
                )
        row.append(declaration.result_comment)
        append_row(sheet, row)

    verdict_sheet = workbook.create_sheet("栏目审核意见")
    append_row(verdict_sheet, VERDICT_HEADERS)
    verdicts = (
        SectionVerdict.objects.filter(review__declaration__round=declaration_round)
        .select_related("review__declaration__applicant", "review__stage", "review__reviewer")
        .order_by("review__declaration_id", "review__sequence", "review__stage__order", "id")
    )
    for verdict in verdicts:
        review = verdict.review
        section = SECTIONS_BY_KEY.get(verdict.section_key)
        append_row(
            verdict_sheet,
            [
                review.declaration.applicant.real_name,
                mask_id_number(review.declaration.applicant.id_number),
                review.sequence,
                review.stage.name,
                review.reviewer.get_short_name(),
                f"{section.number} {section.title}" if section else verdict.section_key,
                verdict.get_verdict_display(),
                verdict.comment,
            ],
        )
    # The number and the name stay in view while scrolling right through the stages.
    finish_sheet(sheet, frozen="C2")
    finish_sheet(verdict_sheet, frozen="B2")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
