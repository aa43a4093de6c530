"""The applicant's pages as a user meets them: the check page before 确认提交 shows every field of
every section (read from the models) and the photo as an image; the home gives each status its own
advice and actions; a locked profile reads as read-only; file fields offer 保留 / 替换 / 删除; every
table turns into stacked rows on a phone."""

import re
from datetime import date, timedelta

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from declarations import workflow
from declarations.display import display_value
from declarations.models import BasicInfo, PrivateFile
from declarations.samples import ENTRY_DATA, MINIMAL_PDF
from declarations.sections import SECTIONS, get_section
from declarations.snapshots import data_fields, file_fields
from declarations.tests.factories import make_declaration, make_file, make_round
from declarations.workflow import PHASES, Status

from .samples import upload

pytestmark = pytest.mark.django_db


def _value_for(field: models.Field, key: str):
    """A value for every declared field: the shared sample's, else one of the field's type."""
    sample = ENTRY_DATA.get(key, {}).get(field.name)
    if field.choices:
        return sample or field.choices[-1][0]
    if isinstance(field, models.DateField):
        return date.fromisoformat(sample) if sample else date(2020, 5, 4)
    if isinstance(field, models.IntegerField):
        return int(sample) if sample else 3
    return sample or f"{field.verbose_name}样例"


def fill_every_field(applicant) -> dict:
    """One entry per section with every data field and every file filled in; returns the entries."""
    entries = {}
    for section in SECTIONS:
        model = section.model
        if model is BasicInfo:
            BasicInfo.objects.filter(owner=applicant).delete()
        values = {f.name: _value_for(f, section.key) for f in data_fields(model)}
        if model is BasicInfo:
            values["id_number"] = applicant.id_number
        for field in file_fields(model):
            values[field.name] = make_file(applicant, f"{field.verbose_name}.pdf", MINIMAL_PDF)
        if model is BasicInfo:
            from declarations.samples import id_photo

            values["photo"] = make_file(applicant, "证件照.jpg", id_photo(), "image/jpeg")
        entries[section.key] = model.objects.create(owner=applicant, **values)
    return entries


def _assert_every_field_shown(page: str, entries: dict) -> None:
    for section in SECTIONS:
        entry = entries[section.key]
        block = page.split(f'id="section-{section.key}"')[1].split('class="readonly-section"')[0]
        for field in data_fields(section.model):
            assert f"<dt>{field.verbose_name}</dt>" in block, (section.key, field.name)
            value = display_value(entry, field)
            if field.name == "id_number":
                continue  # the full number is shown on the owner's pages; checked elsewhere
            assert value.split("\n")[0] in block, (section.key, field.name, value)
        for field in file_fields(section.model):
            assert str(field.verbose_name) in block, (section.key, field.name)


def test_the_check_page_shows_every_field_of_every_section_and_the_photo(applicant, applicant_client, open_round):
    from declarations import signup

    entries = fill_every_field(applicant)
    declaration = signup.sign_up(applicant, open_round.pk, open_round.titles.get().pk)

    page = applicant_client.get(reverse("declarations:declaration-submit", args=[declaration.pk])).content.decode()

    _assert_every_field_shown(page, entries)
    for label in ("毕业证书编号", "审批机关", "聘任时间", "工作内容及体现的能力", "成果及获奖情况"):
        assert f"<dt>{label}</dt>" in page
    photo_url = reverse("declarations:private-file", args=[entries["basic-info"].photo_id])
    assert re.search(rf'<img src="{photo_url}" alt="红底免冠照片"', page)
    # Nothing is laid out as a wide table that a phone or 1366 px would cut off.
    assert "<table" not in page.split('id="section-basic-info"')[1].split('id="submit"')[0]


def test_the_submitted_declaration_shows_every_field_from_its_snapshot(applicant, applicant_client, open_round):
    from declarations import signup, submission

    entries = fill_every_field(applicant)
    declaration = signup.sign_up(applicant, open_round.pk, open_round.titles.get().pk)
    submission.submit(declaration.pk, applicant, pledge=True)

    page = applicant_client.get(reverse("declarations:declaration-detail", args=[declaration.pk])).content.decode()

    _assert_every_field_shown(page, entries)


# --- each status's advice and actions on the home page -------------------------------------------

# (status, the round's phase): every status, with its next step open and closed where it has one.
CASES = [
    (Status.SIGNED_UP, "signup"),
    (Status.SIGNED_UP, "review"),
    (Status.SUBMITTED, "submission"),
    (Status.SUBMITTED, "release_due"),
    (Status.IN_REVIEW, "review"),
    (Status.FAILED, "second"),
    (Status.FAILED, "closed"),
    (Status.RESUBMITTED, "second"),
    (Status.RESUBMITTED, "second_review"),
    (Status.RESUBMITTED, "closed"),
    (Status.PASSED, "second"),
    (Status.FINAL_FAILED, "closed"),
]
MOMENT = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2})")


@pytest.mark.parametrize(("status", "phase"), CASES)
def test_the_home_gives_each_status_its_advice_and_only_its_actions(applicant, applicant_client, status, phase):
    declaration = make_declaration(
        applicant,
        make_round(phase),
        status=status,
        submitted_at=None if status == Status.SIGNED_UP else timezone.now() - timedelta(days=40),
        resubmitted_at=timezone.now() if PHASES[status].is_second_submission else None,
    )

    page = applicant_client.get(reverse("declarations:home")).content.decode()

    advice = workflow.advice(declaration)
    assert advice in page
    phase_of = PHASES[status]
    submit_open = bool(phase_of.submit_transition) and workflow.allowed(
        declaration, phase_of.submit_transition, applicant
    )
    submit_link = reverse("declarations:declaration-submit", args=[declaration.pk])
    assert (f'href="{submit_link}"' in page) == submit_open
    # 去修改 only where the applicant may still change the profile for a second declaration.
    assert "去修改" not in page or (status == Status.FAILED and submit_open)
    if phase_of.locked:
        summary = page.split('id="profile-summary-title"')[1]
        assert "去填写" not in summary and ">修改<" not in summary
    # Only moments still ahead are promised; a passed deadline is named as passed (已过).
    for match in MOMENT.finditer(advice):
        moment = timezone.make_aware(timezone.datetime(*map(int, match.groups())))
        assert moment > timezone.now() - timedelta(minutes=1) or "已过" in advice, advice
    if status == Status.RESUBMITTED:
        assert "进行二次申报" not in page and "修改完成后进行二次申报" not in page


def test_every_status_has_its_own_phase():
    assert set(PHASES) == set(Status)


# --- a locked profile is read-only ---------------------------------------------------------------


def test_a_locked_basic_info_is_read_only_with_the_reason(applicant_client, submitted, locked_profile):
    page = applicant_client.get(reverse("declarations:basic-info")).content.decode()

    assert locked_profile in page and "以下为只读内容" in page
    inputs = re.findall(r"<(?:input|select|textarea)\b[^>]*>", page.split('class="basic-info"')[1])
    editable = [i for i in inputs if "disabled" not in i and 'type="hidden"' not in i]
    assert editable == []
    assert 'type="file"' not in page and "替换为新文件" not in page
    assert ">保存<" not in page


def test_a_locked_section_offers_no_changes(applicant_client, submitted, locked_profile):
    page = applicant_client.get(reverse("declarations:section", args=["work-experience"])).content.decode()

    assert locked_profile in page
    assert "还可新增" not in page and "（只读）" in page
    assert 'name="ids"' not in page and ">新增<" not in page and ">删除<" not in page


# --- the file field on edit forms ----------------------------------------------------------------


def _paper_with_scan(applicant_client):
    applicant_client.post(
        reverse("declarations:entry-add", args=["papers"]),
        {**ENTRY_DATA["papers"], "scan": upload("原论文.pdf", MINIMAL_PDF)},
    )
    entry = get_section("papers").model.objects.get()
    return entry, reverse("declarations:entry-edit", args=["papers", entry.pk])


def test_the_edit_form_shows_the_current_file_and_a_clear_choice(applicant_client):
    entry, edit_url = _paper_with_scan(applicant_client)

    page = applicant_client.get(edit_url).content.decode()

    file_url = reverse("declarations:private-file", args=[entry.scan_id])
    assert f'当前文件：<a href="{file_url}"' in page and "原论文.pdf" in page
    for choice in ("保留", "替换为新文件", "删除"):
        assert re.search(rf'<input type="radio" name="scan-action" value="\w+"[^>]*> {choice}</label>', page)
    assert "目前" not in page and "清除" not in page and "更改:" not in page


def test_replacing_the_file_keeps_one_file_and_replace_without_a_file_is_refused(applicant_client):
    entry, edit_url = _paper_with_scan(applicant_client)

    refused = applicant_client.post(edit_url, {**ENTRY_DATA["papers"], "scan-action": "replace"})
    assert refused.status_code == 400 and "请选择用于替换的新文件。" in refused.content.decode()
    entry.refresh_from_db()
    assert entry.scan.original_name == "原论文.pdf"

    applicant_client.post(
        edit_url, {**ENTRY_DATA["papers"], "scan-action": "replace", "scan": upload("新论文.pdf", MINIMAL_PDF)}
    )
    entry.refresh_from_db()
    assert entry.scan.original_name == "新论文.pdf"
    assert PrivateFile.objects.count() == 1


def test_deleting_and_uploading_at_once_is_refused(applicant_client):
    entry, edit_url = _paper_with_scan(applicant_client)

    response = applicant_client.post(
        edit_url, {**ENTRY_DATA["papers"], "scan-action": "delete", "scan": upload("新论文.pdf", MINIMAL_PDF)}
    )

    assert response.status_code == 400 and "不能同时进行" in response.content.decode()
    entry.refresh_from_db()
    assert entry.scan.original_name == "原论文.pdf"


# --- tables become stacked rows on a phone -------------------------------------------------------


def _tables(page: str) -> list[str]:
    return re.findall(r"<table\b.*?</table>", page, re.S)


def test_every_table_of_the_applicant_pages_stacks_with_labelled_cells(applicant, applicant_client, open_round):
    from declarations import signup

    fill_every_field(applicant)
    declaration = signup.sign_up(applicant, open_round.pk, open_round.titles.get().pk)
    pages = [
        reverse("declarations:home"),
        reverse("declarations:titles"),
        reverse("declarations:declaration-list"),
        reverse("declarations:declaration-submit", args=[declaration.pk]),
        *[reverse("declarations:section", args=[s.key]) for s in SECTIONS if not s.single],
    ]
    entry = get_section("papers").model.objects.get()
    pages.append(reverse("declarations:entry-delete", args=["papers"]) + f"?ids={entry.pk}")
    seen = 0
    for url in pages:
        for table in _tables(applicant_client.get(url).content.decode()):
            seen += 1
            if "profile-summary" in table.split(">")[0]:
                continue  # four short columns that fit a phone as they are
            assert "data--stack" in table.split(">")[0], url
            for cell in re.findall(r"<td\b[^>]*>", table):
                assert "data-label=" in cell or "empty" in cell, (url, cell)
    assert seen >= len(pages) - 1
