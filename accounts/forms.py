from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from notifications.services import absolute_url, email_enqueue


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email address and password do not match an account. "
        "Check both and try again.",
    }


class OtpTokenForm(forms.Form):
    token = forms.CharField(
        label="6-digit code from your authenticator app",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": "[0-9 ]*",
            }
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError("Enter the digits shown in your authenticator app.")
        return token


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes out through the worker."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        from django.template import loader

        # Links come from the configured site address, never from the request's Host header.
        context = {**context, "portal_url": absolute_url("")}
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        email_enqueue(to=[to_email], subject=subject, body=body)
