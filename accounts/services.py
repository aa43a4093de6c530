"""Account rules the views call: registering, resetting and changing passwords."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from . import audit, codes, throttle
from .forms import RegistrationForm

User = get_user_model()


def request_registration_code(phone: str, request: HttpRequest) -> None:
    """Send a registration code unless the phone is registered already. A registered phone goes
    through the same limits and records but gets no code, so its registration can never pass the
    code step and no answer tells the two apart (raises codes.CodeRefused)."""
    registered = User.objects.filter(phone=phone).exists()
    codes.request_code(phone, codes.Purpose.REGISTER, ip=audit.client_ip(request), send=not registered)


def register_applicant(form: RegistrationForm, request: HttpRequest):
    """Create the account once the SMS code matches; raise codes.CodeInvalid otherwise.
    Returns None (with the error on the form) if the phone or ID number is taken: told only now,
    after the code (now used up) proved the phone."""
    phone = form.cleaned_data["phone"].as_e164
    try:
        codes.check_code(phone, codes.Purpose.REGISTER, form.cleaned_data["sms_code"])
    except codes.CodeInvalid as error:
        audit.record(audit.Action.REGISTER, audit.Outcome.FAILURE, request=request, account=phone, detail=str(error))
        raise
    if form.check_unique():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # Someone registered the same phone or ID number between the check and saving.
            if form.check_unique():
                form.add_error(None, "该手机号码或身份证号码已注册，请直接登录。")
        else:
            audit.record(audit.Action.REGISTER, audit.Outcome.SUCCESS, request=request, user=user, account=phone)
            return user
    audit.record(audit.Action.REGISTER, audit.Outcome.FAILURE, request=request, account=phone, detail="号码已注册")
    return None


def request_password_reset(phone: str, request: HttpRequest) -> None:
    """Send a reset code if the phone belongs to an active account. Unknown phones go through the
    same limits and records, so nothing observable tells the two apart (raises codes.CodeRefused)."""
    user = User.objects.filter(phone=phone, is_active=True).first()
    ip = audit.client_ip(request)
    try:
        codes.request_code(phone, codes.Purpose.PASSWORD_RESET, ip=ip, user=user, send=user is not None)
    except codes.CodeRefused as error:
        audit.record(
            audit.Action.PASSWORD_RESET_REQUEST,
            audit.Outcome.REFUSED,
            user=user,
            account=phone,
            ip=ip,
            detail=str(error),
        )
        raise
    audit.record(
        audit.Action.PASSWORD_RESET_REQUEST,
        audit.Outcome.SUCCESS,
        user=user,
        account=phone,
        ip=ip,
        detail="" if user else "手机号未注册",
    )


def verify_password_reset_code(phone: str, code: str, request: HttpRequest):
    """Return the user whose reset code this is, or raise codes.CodeInvalid."""
    try:
        row = codes.check_code(phone, codes.Purpose.PASSWORD_RESET, code)
        if row.user is None or not row.user.is_active:
            raise codes.CodeInvalid("验证码错误或已过期，请重新获取。")
    except codes.CodeInvalid as error:
        audit.record(
            audit.Action.PASSWORD_RESET, audit.Outcome.FAILURE, request=request, account=phone, detail=str(error)
        )
        raise
    return row.user


def reset_password(form, request: HttpRequest):
    """Save the new password from a SetPasswordForm; the old sessions die with the old hash."""
    user = form.save()
    throttle.clear_failures(str(user.phone))
    audit.record(
        audit.Action.PASSWORD_RESET, audit.Outcome.SUCCESS, request=request, user=user, account=str(user.phone)
    )
    return user


def record_password_change(user, request: HttpRequest) -> None:
    audit.record(
        audit.Action.PASSWORD_CHANGE,
        audit.Outcome.SUCCESS,
        request=request,
        user=user,
        account=str(user.phone or user.username),
    )
