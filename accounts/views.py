"""Sign-in, the second factor, password reset and change."""

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from accounts.decorators import any_role, mfa_pending_view, public_view
from accounts.forms import EmailAuthenticationForm, OtpTokenForm, QueuedPasswordResetForm
from accounts.services import mfa_confirmed_device, mfa_device_confirm, mfa_device_for_enrolment
from audit.models import Outcome
from audit.services import audit_record


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        target = self.get_redirect_url() or reverse(settings.LOGIN_REDIRECT_URL)
        if self.request.user.must_verify_mfa:
            return f"{reverse('accounts:mfa_verify')}?{urlencode({'next': target})}"
        return target


login_view = public_view(LoginView.as_view())
logout_view = mfa_pending_view(auth_views.LogoutView.as_view())


@mfa_pending_view
@never_cache
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the current code; send users without an authenticator to enrol one."""
    device = mfa_confirmed_device(user=request.user)
    if device is None:
        return redirect(
            f"{reverse('accounts:mfa_setup')}?{urlencode({'next': _safe_next(request)})}"
        )
    if request.user.is_verified():
        return redirect(_safe_next(request))
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            request.session.cycle_key()
            audit_record(action="mfa.verify", actor=request.user, obj=request.user, request=request)
            return redirect(_safe_next(request))
        audit_record(
            action="mfa.verify",
            actor=request.user,
            obj=request.user,
            request=request,
            outcome=Outcome.FAILURE,
        )
        if allowed:
            form.add_error(
                "token",
                "That code is not right or has already been used. "
                "Wait for the next code and try again.",
            )
        else:
            form.add_error("token", "Too many wrong codes. Wait a minute, then try again.")
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _safe_next(request)})


@mfa_pending_view
@never_cache
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the key as a QR code and as text, confirm a code."""
    if mfa_confirmed_device(user=request.user) is not None:
        return redirect(
            f"{reverse('accounts:mfa_verify')}?{urlencode({'next': _safe_next(request)})}"
        )
    device = mfa_device_for_enrolment(user=request.user)
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            mfa_device_confirm(device=device, actor=request.user, request=request)
            otp_login(request, device)
            request.session.cycle_key()
            messages.success(
                request,
                "Two-step sign-in is on. You will be asked for a code each time you sign in.",
            )
            return redirect(_safe_next(request))
        form.add_error(
            "token",
            "That code did not match. Check the time on your phone and enter the newest code.",
        )
    secret = _base32(device.bin_key)
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "next": _safe_next(request),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_data_uri": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        },
    )


def _base32(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")


@any_role
def security(request: HttpRequest) -> HttpResponse:
    """The user's own sign-in settings."""
    device = mfa_confirmed_device(user=request.user)
    return render(request, "accounts/security.html", {"device": device})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            action="auth.password_change",
            actor=self.request.user,
            obj=self.request.user,
            request=self.request,
        )
        messages.success(self.request, "Your password has been changed.")
        return response


password_change_view = any_role(PasswordChangeView.as_view())

password_reset_view = public_view(
    auth_views.PasswordResetView.as_view(
        form_class=QueuedPasswordResetForm,
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done_view = public_view(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm_view = public_view(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
        post_reset_login=False,  # a reset link never signs anyone in, and never skips MFA
    )
)
password_reset_complete_view = public_view(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
