"""Public account pages: register, log in and out, forgot password, change password."""

import base64
import time
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from . import captcha, codes, services, two_factor
from .forms import (
    LoginForm,
    PasswordChangeForm,
    PhoneCaptchaForm,
    RegistrationForm,
    ResetCodeForm,
    SetPasswordForm,
    TokenForm,
)
from .landing import landing_url
from .masking import mask_phone

User = get_user_model()

RESET_SESSION_KEY = "password_reset"
SEND_CODE = "send_code"


def safe_next_url(request, default: str = "") -> str:
    """The `next` parameter when it points into this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else default


class RegisterView(View):
    template_name = "accounts/register.html"

    def get(self, request):
        return self.render(RegistrationForm(), PhoneCaptchaForm())

    def post(self, request):
        if captcha.refresh_requested(request):
            return self.render(RegistrationForm(initial=self.typed(request)), PhoneCaptchaForm())
        if request.POST.get("action") == SEND_CODE:
            return self.send_code(request)
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                user = services.register_applicant(form, request)
            except codes.CodeInvalid as error:
                form.add_error("sms_code", str(error))
            else:
                if user is not None:
                    messages.success(request, "注册成功！请使用手机号码或身份证号码登录。")
                    return redirect("wagtail_serve", "")
        return self.render(form, PhoneCaptchaForm())

    def send_code(self, request):
        """Without JavaScript: the whole form comes back with what was typed and a message."""
        typed = self.typed(request)
        code_form = PhoneCaptchaForm(request.POST)
        resend_wait = 0
        if code_form.is_valid():
            phone = code_form.cleaned_data["phone"]
            try:
                services.request_registration_code(phone, request)
            except codes.CodeRefused as error:
                code_form.add_error(None, str(error))
            else:
                # The same words for a registered phone (which gets no code): no enumeration.
                messages.success(
                    request,
                    f"验证码短信正在发往 {mask_phone(phone)}，{settings.SMS_CODE_TTL // 60} 分钟内有效。"
                    "收到后请填写下方的“短信验证码”，再设置密码完成注册。"
                    "若该号码已注册过，不会收到短信，请直接登录或找回密码。",
                )
                code_form = PhoneCaptchaForm()
                resend_wait = settings.SMS_CODE_RESEND_INTERVAL
        return self.render(RegistrationForm(initial=typed), code_form, resend_wait=resend_wait)

    @staticmethod
    def typed(request) -> dict:
        return {name: request.POST.get(name, "") for name in ("real_name", "id_number", "phone", "employer")}

    def render(self, form, code_form, resend_wait=0):
        context = {"form": form, "code_form": code_form, "resend_wait": resend_wait}
        return render(self.request, self.template_name, context)


class LoginView(View):
    template_name = "accounts/login.html"

    def get(self, request):
        return self.render(LoginForm(request))

    def post(self, request):
        if captcha.refresh_requested(request):
            return self.render(LoginForm(request, initial={"account": request.POST.get("account", "")}))
        form = LoginForm(request, request.POST)
        if form.is_valid():
            login(request, form.user)
            return redirect(self.success_url(form.user))
        return self.render(form)

    def next_url(self) -> str:
        return safe_next_url(self.request)

    def success_url(self, user) -> str:
        """Each account type lands where it works (`landing.landing_url`), unless sent somewhere."""
        return self.next_url() or landing_url(user)

    def render(self, form):
        return render(self.request, self.template_name, {"form": form, "next": self.next_url()})


class LoginDoorClosedView(View):
    """A login page of a library that we do not use (Wagtail's front-end login of private pages):
    it authenticates nobody and sends the visitor, with their `next`, to our login, which has the
    captcha, the lockout and the audit."""

    def dispatch(self, request, *args, **kwargs):
        target = resolve_url(settings.LOGIN_URL)
        next_url = safe_next_url(request)
        return redirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "您已安全退出。")
        return response


class PasswordResetView(View):
    """Step 1: phone and captcha. The answer is the same whether the phone is registered or not."""

    template_name = "accounts/password_reset.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PhoneCaptchaForm()})

    def post(self, request):
        if captcha.refresh_requested(request):
            form = PhoneCaptchaForm(initial={"phone": request.POST.get("phone", "")})
            return render(request, self.template_name, {"form": form})
        form = PhoneCaptchaForm(request.POST)
        if form.is_valid():
            phone = form.cleaned_data["phone"]
            try:
                services.request_password_reset(phone, request)
            except codes.CodeRefused as error:
                form.add_error(None, str(error))
            else:
                request.session[RESET_SESSION_KEY] = {"phone": phone}
                messages.info(
                    request,
                    f"如果 {mask_phone(phone)} 是已注册的手机号码，您将收到一条短信验证码，"
                    f"{settings.SMS_CODE_TTL // 60} 分钟内有效。",
                )
                return redirect("accounts:password-reset-verify")
        return render(request, self.template_name, {"form": form})


class PasswordResetVerifyView(View):
    """Step 2: the 6-digit code."""

    template_name = "accounts/password_reset_verify.html"

    def dispatch(self, request, *args, **kwargs):
        self.state = request.session.get(RESET_SESSION_KEY) or {}
        if not self.state.get("phone"):
            return redirect("accounts:password-reset")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(ResetCodeForm())

    def post(self, request):
        form = ResetCodeForm(request.POST)
        if form.is_valid():
            phone = self.state["phone"]
            try:
                user = services.verify_password_reset_code(phone, form.cleaned_data["sms_code"], request)
            except codes.CodeInvalid as error:
                form.add_error("sms_code", str(error))
            else:
                request.session[RESET_SESSION_KEY] = {"phone": phone, "user_id": user.pk, "verified_at": time.time()}
                return redirect("accounts:password-reset-set")
        return self.render(form)

    def render(self, form):
        context = {"form": form, "masked_phone": mask_phone(self.state["phone"])}
        return render(self.request, self.template_name, context)


class PasswordResetSetView(View):
    """Step 3: the new password, within SMS_CODE_TTL of a verified code."""

    template_name = "accounts/password_reset_set.html"

    def dispatch(self, request, *args, **kwargs):
        state = request.session.get(RESET_SESSION_KEY) or {}
        fresh = time.time() - state.get("verified_at", 0) < settings.SMS_CODE_TTL
        self.user = User.objects.filter(pk=state.get("user_id"), is_active=True).first() if fresh else None
        if self.user is None:
            request.session.pop(RESET_SESSION_KEY, None)
            messages.error(request, "验证已过期，请重新获取短信验证码。")
            return redirect("accounts:password-reset")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": SetPasswordForm(self.user)})

    def post(self, request):
        form = SetPasswordForm(self.user, request.POST)
        if form.is_valid():
            services.reset_password(form, request)
            request.session.pop(RESET_SESSION_KEY, None)
            messages.success(request, "密码已重置，请使用新密码登录。")
            return redirect("accounts:login")
        return render(request, self.template_name, {"form": form})


class PasswordChangeView(LoginRequiredMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password-change")
    form_class = PasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        services.record_password_change(self.request.user, self.request)
        messages.success(self.request, "密码已修改。")
        return response


class TwoFactorView(LoginRequiredMixin, View):
    """Staff prove an authenticator code (and set one up the first time) before the admin."""

    template_name = "accounts/two_factor.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not two_factor.requires_second_factor(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def device(self):
        return two_factor.confirmed_device(self.request.user) or two_factor.enrolment_device(self.request.user)

    def get(self, request):
        return self.render(self.device(), TokenForm())

    def post(self, request):
        device = self.device()
        form = TokenForm(request.POST)
        if form.is_valid():
            if two_factor.verify(request, device, form.cleaned_data["token"]):
                return redirect(self.next_url())
            form.add_error("token", "动态口令不正确或已过期，请重新输入。")
        return self.render(device, form)

    def next_url(self) -> str:
        return safe_next_url(self.request, default=reverse("wagtailadmin_home"))

    def render(self, device, form):
        context = {"form": form, "next": self.next_url(), "enrolling": not device.confirmed}
        if not device.confirmed:
            context["qr_data_uri"] = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
            context["secret"] = base64.b32encode(device.bin_key).decode()
        return render(self.request, self.template_name, context)
