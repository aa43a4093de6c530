"""The table sections through the test client: add, edit, delete, limits, ownership, the lock."""

import pytest
from django.urls import reverse

from declarations.models import PrivateFile
from declarations.samples import ENTRY_DATA, MINIMAL_PDF, image_bytes
from declarations.sections import PROFILE_LIMITS, SECTIONS, get_section

from .samples import EDIT_FIELD, make_entries, upload

pytestmark = pytest.mark.django_db

TABLE_KEYS = [s.key for s in SECTIONS if not s.single]


def section_url(key: str) -> str:
    return reverse("declarations:section", args=[key])


def add_url(key: str) -> str:
    return reverse("declarations:entry-add", args=[key])


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_entry_is_added_through_the_form(applicant_client, applicant, key):
    response = applicant_client.post(add_url(key), ENTRY_DATA[key])
    assert response.status_code == 302
    assert response["Location"] == section_url(key)
    entry = get_section(key).model.objects.get()
    assert entry.owner == applicant
    page = applicant_client.get(section_url(key)).content.decode()
    assert "已保存" in page
    first_column = entry.list_display_fields[0]
    assert str(getattr(entry, f"get_{first_column}_display", lambda: "")() or "") in page


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_entry_is_edited_through_the_form(applicant_client, applicant, key):
    (entry,) = make_entries(applicant, key, 1)
    field, value = EDIT_FIELD[key]
    data = {**ENTRY_DATA[key], field: value}
    response = applicant_client.post(reverse("declarations:entry-edit", args=[key, entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert str(getattr(entry, field)) == value


@pytest.mark.parametrize("key", TABLE_KEYS)
def test_ticked_entries_are_deleted_after_confirmation(applicant_client, applicant, key):
    first, second, kept = make_entries(applicant, key, 3)
    delete_url = reverse("declarations:entry-delete", args=[key])
    confirm = applicant_client.get(delete_url, {"ids": [first.pk, second.pk]})
    assert confirm.status_code == 200
    assert "确认删除" in confirm.content.decode()
    assert get_section(key).model.objects.count() == 3  # nothing deleted by the confirmation page
    response = applicant_client.post(delete_url, {"ids": [first.pk, second.pk]})
    assert response.status_code == 302
    assert list(get_section(key).model.objects.values_list("pk", flat=True)) == [kept.pk]


def test_section_table_has_checkbox_per_row_and_buttons(applicant_client, applicant):
    entries = make_entries(applicant, "work-experience", 2)
    html = applicant_client.get(section_url("work-experience")).content.decode()
    for entry in entries:
        assert f'name="ids" value="{entry.pk}"' in html
    assert ">新增</a>" in html and ">修改</button>" in html and ">删除</button>" in html
    assert "已填 2 / 7" in html


def test_edit_with_one_ticked_row_opens_its_form(applicant_client, applicant):
    (entry,) = make_entries(applicant, "papers", 1)
    response = applicant_client.get(reverse("declarations:entry-edit-selected", args=["papers"]), {"ids": entry.pk})
    assert response["Location"] == reverse("declarations:entry-edit", args=["papers", entry.pk])


def test_edit_with_no_ticked_row_is_refused_politely(applicant_client):
    response = applicant_client.get(reverse("declarations:entry-edit-selected", args=["papers"]), follow=True)
    assert "请勾选一条记录后再点击“修改”" in response.content.decode()


def test_edit_with_two_ticked_rows_is_refused_politely(applicant_client, applicant):
    entries = make_entries(applicant, "papers", 2)
    response = applicant_client.get(
        reverse("declarations:entry-edit-selected", args=["papers"]), {"ids": [e.pk for e in entries]}, follow=True
    )
    assert "一次只能修改一条记录" in response.content.decode()


def test_delete_with_nothing_ticked_is_refused_politely(applicant_client):
    response = applicant_client.get(reverse("declarations:entry-delete", args=["papers"]), follow=True)
    assert "请先勾选要删除的记录" in response.content.decode()


LIMIT_CASES = [
    ("work-experience", 7),
    ("continuing-education", 6),
    ("papers", 4),
    ("practical-materials", 3),
    ("monographs", 3),
    ("work-abilities", 6),
    ("achievements", 6),
]


def test_limits_are_the_manuals():
    assert dict(LIMIT_CASES) == PROFILE_LIMITS


@pytest.mark.parametrize(("key", "limit"), LIMIT_CASES)
def test_entry_over_the_limit_is_refused(applicant_client, applicant, key, limit):
    make_entries(applicant, key, limit)
    response = applicant_client.post(add_url(key), ENTRY_DATA[key], follow=True)
    assert get_section(key).model.objects.filter(owner=applicant).count() == limit
    assert f"最多只能填写 {limit} 条" in response.content.decode()


@pytest.mark.parametrize(("key", "limit"), LIMIT_CASES)
def test_add_button_is_hidden_at_the_limit(applicant_client, applicant, key, limit):
    make_entries(applicant, key, limit)
    html = applicant_client.get(section_url(key)).content.decode()
    assert f"已填 {limit} / {limit}" in html
    assert add_url(key) not in html


def test_last_free_slot_can_still_be_filled(applicant_client, applicant):
    make_entries(applicant, "work-experience", 6)
    applicant_client.post(add_url("work-experience"), ENTRY_DATA["work-experience"])
    assert get_section("work-experience").model.objects.count() == 7


def test_other_applicants_entries_count_separately(applicant_client, applicant, other_applicant):
    make_entries(other_applicant, "papers", 4)
    applicant_client.post(add_url("papers"), ENTRY_DATA["papers"])
    assert get_section("papers").model.objects.filter(owner=applicant).count() == 1


def test_other_applicants_entry_cannot_be_edited(applicant_client, other_applicant):
    (entry,) = make_entries(other_applicant, "papers", 1)
    url = reverse("declarations:entry-edit", args=["papers", entry.pk])
    assert applicant_client.get(url).status_code == 404
    data = {**ENTRY_DATA["papers"], "title": "篡改"}
    assert applicant_client.post(url, data).status_code == 404
    entry.refresh_from_db()
    assert entry.title == ENTRY_DATA["papers"]["title"]


def test_other_applicants_entries_are_not_deleted(applicant_client, applicant, other_applicant):
    (theirs,) = make_entries(other_applicant, "papers", 1)
    (mine,) = make_entries(applicant, "papers", 1)
    delete_url = reverse("declarations:entry-delete", args=["papers"])
    assert applicant_client.get(delete_url, {"ids": theirs.pk}).status_code == 404
    applicant_client.post(delete_url, {"ids": [theirs.pk, mine.pk]})
    model = get_section("papers").model
    assert model.objects.filter(pk=theirs.pk).exists()
    assert not model.objects.filter(pk=mine.pk).exists()


def test_other_applicants_entries_are_not_listed(applicant_client, other_applicant):
    make_entries(other_applicant, "monographs", 1)
    html = applicant_client.get(section_url("monographs")).content.decode()
    assert ENTRY_DATA["monographs"]["title"] not in html
    assert "已填 0 / 3" in html


def test_refused_form_shows_chinese_errors_and_keeps_input(applicant_client):
    data = {**ENTRY_DATA["work-experience"], "employer": "", "end_date": "2001-01-01"}
    response = applicant_client.post(add_url("work-experience"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "必需字段" in html
    assert "结束时间不能早于开始时间" in html
    assert ENTRY_DATA["work-experience"]["technical_work"] in html
    assert 'value="2010-07-01"' in html
    assert not get_section("work-experience").model.objects.exists()


def test_hours_must_be_a_positive_whole_number(applicant_client):
    response = applicant_client.post(
        add_url("continuing-education"), {**ENTRY_DATA["continuing-education"], "hours": "-3"}
    )
    assert response.status_code == 400
    assert not get_section("continuing-education").model.objects.exists()


def test_open_ended_work_experience_reads_until_now(applicant_client, applicant):
    applicant_client.post(add_url("work-experience"), {**ENTRY_DATA["work-experience"], "end_date": ""})
    assert "至今" in applicant_client.get(section_url("work-experience")).content.decode()


# --- attachments -------------------------------------------------------------------------------


def stored_paths(settings) -> set[str]:
    root = settings.PRIVATE_MEDIA_ROOT
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_attachment_is_stored_privately_with_a_random_name(applicant_client, applicant, settings):
    data = {**ENTRY_DATA["papers"], "scan": upload("论文.pdf", MINIMAL_PDF)}
    applicant_client.post(add_url("papers"), data)
    entry = get_section("papers").model.objects.get()
    assert entry.scan.owner == applicant
    assert entry.scan.original_name == "论文.pdf"
    assert entry.scan.content_type == "application/pdf"
    assert "论文" not in entry.scan.file.name
    assert stored_paths(settings) == {entry.scan.file.name}
    assert not str(settings.PRIVATE_MEDIA_ROOT).startswith(str(settings.MEDIA_ROOT))


def test_replacing_an_attachment_deletes_the_old_file(applicant_client, settings):
    applicant_client.post(add_url("papers"), {**ENTRY_DATA["papers"], "scan": upload("a.pdf", MINIMAL_PDF)})
    entry = get_section("papers").model.objects.get()
    old_file = entry.scan
    edit_url = reverse("declarations:entry-edit", args=["papers", entry.pk])
    applicant_client.post(edit_url, {**ENTRY_DATA["papers"], "scan": upload("b.png", image_bytes())})
    entry.refresh_from_db()
    assert entry.scan.original_name == "b.png"
    assert not PrivateFile.objects.filter(pk=old_file.pk).exists()
    assert stored_paths(settings) == {entry.scan.file.name}


def test_clearing_an_attachment_deletes_its_file(applicant_client, settings):
    applicant_client.post(add_url("papers"), {**ENTRY_DATA["papers"], "scan": upload("a.pdf", MINIMAL_PDF)})
    entry = get_section("papers").model.objects.get()
    edit_url = reverse("declarations:entry-edit", args=["papers", entry.pk])
    applicant_client.post(edit_url, {**ENTRY_DATA["papers"], "scan-action": "delete"})
    entry.refresh_from_db()
    assert entry.scan is None
    assert not PrivateFile.objects.exists()
    assert stored_paths(settings) == set()


def test_editing_without_a_new_upload_keeps_the_attachment(applicant_client, settings):
    applicant_client.post(add_url("papers"), {**ENTRY_DATA["papers"], "scan": upload("a.pdf", MINIMAL_PDF)})
    entry = get_section("papers").model.objects.get()
    edit_url = reverse("declarations:entry-edit", args=["papers", entry.pk])
    applicant_client.post(edit_url, {**ENTRY_DATA["papers"], "journal": "施工技术"})
    entry.refresh_from_db()
    assert entry.journal == "施工技术"
    assert entry.scan.original_name == "a.pdf"
    assert stored_paths(settings) == {entry.scan.file.name}


def test_deleting_an_entry_deletes_its_files(applicant_client, settings):
    data = {
        **ENTRY_DATA["education"],
        "diploma_scan": upload("毕业证.jpg", image_bytes(fmt="JPEG")),
        "degree_scan": upload("学位证.pdf", MINIMAL_PDF),
    }
    applicant_client.post(add_url("education"), data)
    entry = get_section("education").model.objects.get()
    assert len(stored_paths(settings)) == 2
    applicant_client.post(reverse("declarations:entry-delete", args=["education"]), {"ids": entry.pk})
    assert not PrivateFile.objects.exists()
    assert stored_paths(settings) == set()


def test_frozen_file_survives_replacement_and_deletion(applicant_client, settings):
    applicant_client.post(add_url("papers"), {**ENTRY_DATA["papers"], "scan": upload("a.pdf", MINIMAL_PDF)})
    entry = get_section("papers").model.objects.get()
    frozen = entry.scan
    PrivateFile.objects.filter(pk=frozen.pk).update(frozen=True)
    edit_url = reverse("declarations:entry-edit", args=["papers", entry.pk])
    applicant_client.post(edit_url, {**ENTRY_DATA["papers"], "scan": upload("b.pdf", MINIMAL_PDF)})
    applicant_client.post(reverse("declarations:entry-delete", args=["papers"]), {"ids": entry.pk})
    assert list(PrivateFile.objects.values_list("pk", flat=True)) == [frozen.pk]
    assert stored_paths(settings) == {frozen.file.name}


def test_refused_upload_saves_nothing(applicant_client, settings):
    data = {**ENTRY_DATA["papers"], "scan": upload("x.exe", b"MZ\x90\x00" + b"\x00" * 100)}
    response = applicant_client.post(add_url("papers"), data)
    assert response.status_code == 400
    assert "只能上传 pdf、jpg、jpeg、png、gif 格式" in response.content.decode()
    assert not get_section("papers").model.objects.exists()
    assert not PrivateFile.objects.exists()
    assert stored_paths(settings) == set()


# --- the lock --------------------------------------------------------------------------------


def test_locked_profile_refuses_new_entries(applicant_client, locked_profile, settings):
    stored = stored_paths(settings)
    data = {**ENTRY_DATA["papers"], "scan": upload("a.pdf", MINIMAL_PDF)}
    response = applicant_client.post(add_url("papers"), data, follow=True)
    assert locked_profile in response.content.decode()
    assert not get_section("papers").model.objects.exists()
    assert stored_paths(settings) == stored


def test_locked_profile_refuses_edits(applicant_client, applicant, locked_profile):
    (entry,) = make_entries(applicant, "papers", 1)
    url = reverse("declarations:entry-edit", args=["papers", entry.pk])
    response = applicant_client.post(url, {**ENTRY_DATA["papers"], "title": "新题目"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == ENTRY_DATA["papers"]["title"]


def test_locked_profile_refuses_deletion(applicant_client, applicant, locked_profile):
    (entry,) = make_entries(applicant, "papers", 1)
    response = applicant_client.post(
        reverse("declarations:entry-delete", args=["papers"]), {"ids": entry.pk}, follow=True
    )
    assert locked_profile in response.content.decode()
    assert get_section("papers").model.objects.filter(pk=entry.pk).exists()


def test_locked_profile_hides_the_buttons_and_says_why(applicant_client, applicant, locked_profile):
    make_entries(applicant, "papers", 1)
    html = applicant_client.get(section_url("papers")).content.decode()
    assert locked_profile in html
    assert add_url("papers") not in html
    assert ">删除</button>" not in html


def test_profile_lock_is_checked_again_inside_the_service(applicant, monkeypatch):
    from declarations import entries
    from declarations.locks import ProfileLocked

    section = get_section("papers")
    entry = section.model(**ENTRY_DATA["papers"])
    monkeypatch.setattr("declarations.locks.profile_lock_reason", lambda user, section_key=None: "已锁定")
    with pytest.raises(ProfileLocked):
        entries.save_entry(applicant, section, entry, {})
    assert not section.model.objects.exists()
