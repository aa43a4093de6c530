"""Forms of the profile sections, built from the section models (uploads are checked here), and
the declaration's submit form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from declarations.display import FileLink
from declarations.models import BasicInfo, ProfileEntry
from declarations.sections import Section
from declarations.submission import PLEDGE_MISSING, PLEDGE_TEXT
from declarations.uploads import (
    ALLOWED_TYPES,
    ALLOWED_TYPES_LABEL,
    PHOTO_SIZE,
    PHOTO_TYPES,
    PHOTO_TYPES_LABEL,
    check_id_photo,
    check_upload,
)
from declarations.workflow import Status

# Text areas and addresses take the whole width of the two-column form grid.
WIDE_WIDGETS = (forms.Textarea,)
WIDE_FIELDS = ("mailing_address",)


def accept_attribute(extensions) -> str:
    return ",".join(f".{ext}" for ext in extensions)


def upload_limit_label() -> str:
    return f"{settings.UPLOAD_MAX_FILE_SIZE / (1024 * 1024):g} MB"


REPLACE_WITHOUT_FILE = "请选择用于替换的新文件。"


class StoredFileInput(forms.ClearableFileInput):
    """An evidence file on an edit form: the stored file as a link and a plain choice between
    keeping, replacing and (where the field may be empty) deleting it, instead of Django's
    "目前: … 清除 / 更改:". A new file chosen without touching the choice replaces the old one."""

    template_name = "declarations/widgets/stored_file.html"
    KEEP, REPLACE, DELETE = "keep", "replace", "delete"

    def __init__(self, attrs=None, may_delete: bool = True):
        super().__init__(attrs)
        self.may_delete = may_delete
        self.action = self.KEEP

    @staticmethod
    def action_name(name: str) -> str:
        return f"{name}-action"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(action_name=self.action_name(name), action=self.action, may_delete=self.may_delete)
        return context

    def value_from_datadict(self, data, files, name):
        upload = files.get(name)
        self.action = data.get(self.action_name(name), self.KEEP)
        if self.action == self.DELETE and self.may_delete:
            return forms.widgets.FILE_INPUT_CONTRADICTION if upload else False
        return upload

    def value_omitted_from_data(self, data, files, name):
        return name not in files and self.action_name(name) not in data

    def replace_without_file(self, data, files, name) -> bool:
        return data.get(self.action_name(name)) == self.REPLACE and not files.get(name)


class ProfileEntryForm(forms.ModelForm):
    """A section entry's fields plus one optional upload per evidence file of the model."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploads: dict = {}
        for field in self.fields.values():
            if isinstance(field, forms.TypedChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", "请选择"), *field.choices[1:]]
        for name in self._meta.model.file_field_names():
            current = getattr(self.instance, name) if getattr(self.instance, f"{name}_id", None) else None
            self.fields[name] = self.make_file_field(name, current)
            self.initial[name] = FileLink(current) if current else None

    def make_file_field(self, name: str, current) -> forms.FileField:
        label = self._meta.model._meta.get_field(name).verbose_name
        return forms.FileField(
            label=label,
            required=False,
            widget=StoredFileInput(attrs={"accept": accept_attribute(ALLOWED_TYPES)}),
            help_text=f"可上传 {ALLOWED_TYPES_LABEL} 格式，单个文件不超过 {upload_limit_label()}。",
            error_messages={"contradiction": "请选择“删除”或上传新文件替换，不能同时进行。"},
        )

    def check_file(self, name: str, upload: UploadedFile):
        return check_upload(upload)

    def clean(self):
        cleaned = super().clean()
        for name in self._meta.model.file_field_names():
            widget = self.fields[name].widget
            if isinstance(widget, StoredFileInput) and widget.replace_without_file(self.data, self.files, name):
                self.add_error(name, REPLACE_WITHOUT_FILE)
                continue
            value = cleaned.get(name)
            if value is False:
                self.uploads[name] = False
            elif isinstance(value, UploadedFile):
                try:
                    self.uploads[name] = self.check_file(name, value)
                except ValidationError as error:
                    self.add_error(name, error)
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "结束时间不能早于开始时间。")
        return cleaned

    @property
    def wide_fields(self) -> list[str]:
        return [
            name
            for name, field in self.fields.items()
            if isinstance(field.widget, WIDE_WIDGETS) or name in WIDE_FIELDS
        ]


def _widget_for(field: models.Field):
    if isinstance(field, models.DateField):
        return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    if isinstance(field, models.TextField):
        return forms.Textarea(attrs={"rows": 4})
    return None


def entry_form_class(section: Section) -> type[ProfileEntryForm]:
    model: type[ProfileEntry] = section.model
    if model is BasicInfo:
        return BasicInfoForm
    file_fields = set(model.file_field_names())
    names, widgets = [], {}
    for field in model._meta.concrete_fields:
        if not field.editable or field.name in file_fields or field.name in {"id", "owner"}:
            continue
        names.append(field.name)
        if widget := _widget_for(field):
            widgets[field.name] = widget
    return forms.modelform_factory(model, form=ProfileEntryForm, fields=names, widgets=widgets)


class BasicInfoForm(ProfileEntryForm):
    """基本信息; name, sex, birth date and ID number follow the account when it has an ID number."""

    ACCOUNT_FIELDS = ("sex", "birth_date", "id_number")

    class Meta:
        model = BasicInfo
        fields = (
            "name",
            "sex",
            "birth_date",
            "id_number",
            "ethnicity",
            "political_status",
            "phone",
            "email",
            "employer",
            "employer_type",
            "specialty",
            "work_start_date",
            "current_post",
            "mailing_address",
        )
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "work_start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, account_defaults: dict | None = None, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        account_defaults = account_defaults or {}
        self.locked = locked
        if locked:
            # Shown read-only while a declaration holds the profile (the server refuses changes anyway).
            for field in self.fields.values():
                field.disabled = True
        if account_defaults.get("id_number"):
            for name in self.ACCOUNT_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = "取自注册时填写的身份证号码"
                self.initial[name] = account_defaults[name]

    def make_file_field(self, name: str, current) -> forms.FileField:
        return forms.FileField(
            label=BasicInfo._meta.get_field(name).verbose_name,
            # The photo can be replaced but not removed.
            required=current is None,
            widget=StoredFileInput(attrs={"accept": accept_attribute(PHOTO_TYPES)}, may_delete=False),
            help_text=f"请上传红底免冠证件照（{PHOTO_TYPES_LABEL} 格式，{PHOTO_SIZE.describe()}）。",
        )

    def check_file(self, name: str, upload: UploadedFile):
        return check_id_photo(upload)


class SubmitForm(forms.Form):
    pledge = forms.BooleanField(
        label=PLEDGE_TEXT,
        required=True,
        error_messages={"required": PLEDGE_MISSING},
    )
    # The status the page was shown in: a second tab or a retry after success submits nothing.
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
