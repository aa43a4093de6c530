"""Forms of the public account pages; every message is Chinese and shown beside its field."""

from captcha.fields import CaptchaField
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.contrib.auth.forms import SetPasswordForm as DjangoSetPasswordForm
from phonenumber_field.formfields import PhoneNumberField
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from . import audit, captcha, throttle
from .pii import id_number_digest

User = get_user_model()

PHONE_TAKEN = "该手机号码已注册，请直接登录；忘记密码可通过“找回密码”重置。"
ID_NUMBER_TAKEN = "该身份证号码已注册，请直接登录；忘记密码可通过“找回密码”重置。"


def captcha_field() -> CaptchaField:
    return CaptchaField(
        label="图形验证码",
        help_text="请输入图片中的字符（不区分大小写）",
        error_messages={"invalid": "图形验证码错误，请重新输入。", "required": "请输入图形验证码。"},
    )


def phone_field() -> PhoneNumberField:
    return PhoneNumberField(
        label="手机号码",
        region="CN",
        error_messages={"invalid": "请输入正确的 11 位手机号码。", "required": "请输入手机号码。"},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "maxlength": 20}),
    )


class SmsCodeField(forms.RegexField):
    def __init__(self, **kwargs):
        super().__init__(
            regex=r"^\s*\d{6}\s*$",
            label="短信验证码",
            error_messages={"invalid": "短信验证码为 6 位数字。", "required": "请输入短信验证码。"},
            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 6}),
            **kwargs,
        )


class PhoneCaptchaForm(forms.Form):
    """A phone number and the image captcha: the gate in front of every SMS we send."""

    phone = phone_field()
    captcha = captcha_field()

    def clean_phone(self):
        return self.cleaned_data["phone"].as_e164


class ResetCodeForm(forms.Form):
    sms_code = SmsCodeField()


class RulesUnderNewPasswordMixin:
    """The password rules' errors belong under the new password the user typed, not under its
    confirmation (Django checks the confirmation field); the mismatch stays under the confirmation."""

    new_password_field = "new_password1"  # noqa: S105 (a field name)
    confirmation_field = "new_password2"

    def validate_password_for_user(self, user, password_field_name=None, **kwargs):
        super().validate_password_for_user(user, password_field_name=self.new_password_field, **kwargs)

    def _set_confirmation_help(self) -> None:
        self.fields[self.confirmation_field].help_text = "请再输入一次新密码，以便核对。"


class SetPasswordForm(RulesUnderNewPasswordMixin, DjangoSetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_confirmation_help()


class RegistrationForm(RulesUnderNewPasswordMixin, BaseUserCreationForm):
    new_password_field = "password1"  # noqa: S105 (a field name)
    confirmation_field = "password2"

    sms_code = SmsCodeField()

    class Meta:
        model = User
        fields = ("real_name", "id_number", "phone", "employer")
        field_classes = {"phone": PhoneNumberField}
        error_messages = {
            "phone": {"unique": PHONE_TAKEN, "invalid": "请输入正确的 11 位手机号码。"},
        }

    field_order = ("real_name", "id_number", "phone", "sms_code", "password1", "password2", "employer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("real_name", "id_number", "phone", "employer"):
            field = self.fields[name]
            field.required = True
            field.error_messages["required"] = f"请填写{field.label}。"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["real_name"].widget.attrs["autocomplete"] = "name"
        self.fields["employer"].widget.attrs["autocomplete"] = "organization"
        self.fields["password1"].help_text = "至少 8 位，不能全为数字或常见密码，不能包含您的手机号码或身份证号码。"
        self._set_confirmation_help()

    def clean_real_name(self):
        return self.cleaned_data["real_name"].strip()

    def validate_unique(self):
        """Deferred to `check_unique`: whether a phone or ID number is registered is told only to
        someone who has just proved a phone with its SMS code (no account enumeration)."""

    def check_unique(self) -> bool:
        super().validate_unique()
        # The ID-number column is encrypted, so its uniqueness is the digest's (the model's unique
        # check cannot see it); the constraint on the digest still stops a race at saving.
        id_number = self.cleaned_data.get("id_number")
        if id_number and User.objects.filter(id_number_digest=id_number_digest(id_number)).exists():
            self.add_error("id_number", forms.ValidationError(ID_NUMBER_TAKEN, code="unique"))
        return not self.errors

    def save(self, commit=True):
        user = super().save(commit=False)
        user.username = User.objects.generate_username()
        if commit:
            user.save()
        return user


def refuse_if_locked(request, account: str) -> None:
    """Raise the lockout's message when the account or the address is locked (both login forms
    ask before and after trying the password, so the failure that locks is told so at once)."""
    lock = throttle.current_lock(account, audit.client_ip(request)) if account else None
    if lock is not None:
        raise forms.ValidationError(lock.message, code="locked")


class LoginForm(forms.Form):
    account = forms.CharField(
        label="手机号码或身份证号码",
        max_length=64,
        error_messages={"required": "请输入手机号码或身份证号码。"},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label="密码",
        strip=False,
        error_messages={"required": "请输入密码。"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    captcha = captcha_field()

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:  # a wrong captcha stops here: no password is tried
            return cleaned
        account, password = cleaned["account"], cleaned["password"]
        refuse_if_locked(self.request, account)
        self.user = authenticate(self.request, username=account, password=password)
        if self.user is None:
            refuse_if_locked(self.request, account)
            raise forms.ValidationError(
                f"账号或密码错误。连续失败 {settings.LOGIN_FAILURE_LIMIT} 次，"
                f"账号将被锁定 {settings.LOGIN_LOCKOUT_SECONDS // 60} 分钟。",
                code="invalid_login",
            )
        return cleaned


class PasswordChangeForm(RulesUnderNewPasswordMixin, DjangoPasswordChangeForm):
    """A wrong old password counts like a failed login of the same account and address (SPEC 4):
    the same limits lock the account, and while it is locked no old password is checked."""

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request
        self._set_confirmation_help()

    def clean_old_password(self):
        ip = audit.client_ip(self.request)
        account = str(self.user.phone or self.user.username)
        lock = throttle.current_user_lock(self.user, ip)
        if lock is not None:
            audit.record(
                audit.Action.PASSWORD_CHANGE_FAILED,
                audit.Outcome.REFUSED,
                user=self.user,
                account=account,
                ip=ip,
                detail="已锁定",
            )
            raise forms.ValidationError(lock.password_change_message, code="locked")
        try:
            old_password = super().clean_old_password()
        except forms.ValidationError:
            lock = throttle.record_user_failure(self.user, ip)
            audit.record(
                audit.Action.PASSWORD_CHANGE_FAILED, audit.Outcome.FAILURE, user=self.user, account=account, ip=ip
            )
            if lock is None:
                raise
            audit.record(
                audit.Action.LOCKOUT,
                audit.Outcome.SUCCESS,
                user=self.user,
                account=account,
                ip=ip,
                detail=f"{lock.detail}（修改密码）",
            )
            raise forms.ValidationError(lock.password_change_message, code="locked") from None
        throttle.clear_user_failures(self.user)
        return old_password


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="动态口令",
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        error_messages={"invalid": "请输入身份验证器显示的 6 位数字。", "required": "请输入动态口令。"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class AdminLoginForm(WagtailLoginForm):
    """The Wagtail admin's login (WAGTAILADMIN_USER_LOGIN_FORM) with the same checks as ours: the
    captcha first, then the lockout, then the password through our backend (throttling, audit)."""

    captcha = captcha_field()

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"

    def clean(self):
        if self.request is not None and captcha.refresh_requested(self.request):
            # 看不清，换一张 without JavaScript: a new image, no password tried.
            raise forms.ValidationError("已为您换一张图形验证码，请输入新图片中的字符。", code="captcha_refresh")
        if "captcha" in self.errors:  # a wrong captcha stops here: no password is tried
            # Also above the form, where the admin's login page shows what went wrong.
            raise forms.ValidationError(self.errors["captcha"][0], code="captcha")
        account = self.cleaned_data.get("username") or ""
        refuse_if_locked(self.request, account)
        try:
            return super().clean()
        except forms.ValidationError:
            refuse_if_locked(self.request, account)
            raise
