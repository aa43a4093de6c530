"""Forms of the employer shell and of the employer's registration; every message is Chinese."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from accounts.forms import SmsCodeField, captcha_field, phone_field
from declarations.forms import accept_attribute, upload_limit_label
from declarations.sections import SECTIONS
from declarations.uploads import ALLOWED_TYPES, ALLOWED_TYPES_LABEL, check_upload
from employers.credit_code import normalize
from employers.models import Employer, Publicity


def _date_input() -> forms.DateInput:
    # A browser's date input shows only an ISO date; the locale's format (2026/12/09) leaves it empty.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _upload_field(label: str, required: bool = True) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=required,
        widget=forms.FileInput(attrs={"accept": accept_attribute(ALLOWED_TYPES)}),
        help_text=f"可上传 {ALLOWED_TYPES_LABEL} 格式，单个文件不超过 {upload_limit_label()}。",
        error_messages={"required": f"请上传{label}。"},
    )


class CheckedUploadMixin:
    """Runs the private-upload checks (type sniffing, size, re-encoding) on the named file fields;
    the checked uploads are in `self.uploads`."""

    upload_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        self.uploads = {}
        for name in self.upload_fields:
            upload = cleaned.get(name)
            if upload:
                try:
                    self.uploads[name] = check_upload(upload)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class PasswordFieldsMixin:
    """The new password twice, checked by the project's validators against the account."""

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise ValidationError("两次输入的密码不一致。")
        return second

    def check_password(self, user) -> None:
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error("password1", error)


def _password_fields():
    return (
        forms.CharField(label="密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})),
        forms.CharField(
            label="确认密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
        ),
    )


class PhoneStepForm(forms.Form):
    """Registration step 1: the phone, the captcha that gates the SMS, then the code."""

    phone = phone_field()
    captcha = captcha_field()

    def clean_phone(self):
        return self.cleaned_data["phone"].as_e164


class CodeStepForm(forms.Form):
    sms_code = SmsCodeField()


class EmployerForm(CheckedUploadMixin, forms.ModelForm):
    upload_fields = ("licence_file",)

    licence_file = _upload_field("营业执照或法人证书扫描件")

    class Meta:
        model = Employer
        fields = ("name", "credit_code", "employer_type", "address", "contact_name", "contact_phone")
        widgets = {"credit_code": forms.TextInput(attrs={"autocapitalize": "characters", "maxlength": 22})}

    def __init__(self, *args, licence_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence_file"].required = licence_required
        if not licence_required:
            self.fields["licence_file"].help_text = "不更换请留空。" + self.fields["licence_file"].help_text
        for name, field in self.fields.items():
            if name != "licence_file":
                field.error_messages["required"] = f"请填写{field.label}。"
        self.fields["employer_type"].choices = [("", "请选择"), *self.fields["employer_type"].choices[1:]]

    def clean_credit_code(self):
        return normalize(self.cleaned_data["credit_code"])


class EmployerRegistrationForm(PasswordFieldsMixin, EmployerForm):
    """Registration step 2, once the phone is verified: the officer and the employer."""

    real_name = forms.CharField(label="经办人姓名", max_length=50)
    password1, password2 = _password_fields()

    field_order = ("real_name", "password1", "password2")

    def clean_real_name(self):
        return self.cleaned_data["real_name"].strip()


class InvitationForm(forms.Form):
    real_name = forms.CharField(label="被邀请人姓名", max_length=50)
    phone = phone_field()

    def clean_phone(self):
        return self.cleaned_data["phone"].as_e164


class AcceptInvitationForm(PasswordFieldsMixin, forms.Form):
    sms_code = SmsCodeField()
    password1, password2 = _password_fields()


class SendCodeForm(forms.Form):
    captcha = captcha_field()


class ReturnForm(forms.Form):
    """退回补正: a reason per returned section and the deadline."""

    due_date = forms.DateField(
        label="补正截止日期",
        widget=_date_input(),
        error_messages={"required": "请填写补正截止日期。", "invalid": "请输入正确的日期。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[f"return_{section.key}"] = forms.BooleanField(label=f"退回“{section.title}”", required=False)
            self.fields[f"reason_{section.key}"] = forms.CharField(
                label=f"“{section.title}”退回原因",
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        reasons = {}
        for section in SECTIONS:
            if cleaned.get(f"return_{section.key}"):
                reason = (cleaned.get(f"reason_{section.key}") or "").strip()
                if not reason:
                    self.add_error(f"reason_{section.key}", f"请填写“{section.title}”的退回原因。")
                reasons[section.key] = reason
        if not reasons and not self.errors:
            raise ValidationError("请至少选择一个退回补正的栏目并填写原因。")
        self.reasons = reasons
        return cleaned


class RecommendForm(forms.Form):
    guarantee = forms.BooleanField(
        label="我单位已阅读并作出上述真实性保证", error_messages={"required": "请阅读并勾选真实性保证。"}
    )


class PublicityForm(CheckedUploadMixin, forms.ModelForm):
    upload_fields = ("report_file",)

    report_file = _upload_field("公示照片或公示报告")
    declarations = forms.ModelMultipleChoiceField(
        label="公示的申报",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择本次公示的申报。"},
    )

    class Meta:
        model = Publicity
        fields = ("start_date", "end_date", "place", "outcome", "objection", "settlement")
        widgets = {
            "start_date": _date_input(),
            "end_date": _date_input(),
            "objection": forms.Textarea(attrs={"rows": 3}),
            "settlement": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, eligible=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declarations"].queryset = eligible
        self.fields["declarations"].label_from_instance = lambda d: (
            f"{d.applicant.get_short_name()} · {d.title.title_name}（{d.title.specialty}）· {d.round.name}"
        )
        if self.instance.pk:
            # A declared field, not one of Meta.fields: the model form leaves its initial empty.
            self.initial.setdefault("declarations", [d.pk for d in self.instance.declarations.all()])
            self.fields["report_file"].required = False
            self.fields["report_file"].help_text = "不更换请留空。" + self.fields["report_file"].help_text
        for name in ("start_date", "end_date", "place"):
            self.fields[name].error_messages["required"] = f"请填写{self.fields[name].label}。"
            self.fields[name].error_messages["invalid"] = "请输入正确的日期。"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "公示结束日期不能早于开始日期。")
        if cleaned.get("outcome") == Publicity.Outcome.OBJECTION_SETTLED:
            for name in ("objection", "settlement"):
                if not (cleaned.get(name) or "").strip():
                    self.add_error(name, f"有异议时请填写{self.fields[name].label}。")
        chosen = cleaned.get("declarations") or []
        if len({d.round_id for d in chosen}) > 1:
            self.add_error("declarations", "一次公示只能包含同一申报批次的申报。")
        return cleaned
