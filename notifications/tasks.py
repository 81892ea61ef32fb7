from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from common.tasks import TRANSIENT_ERRORS, TaxhauzTask


@shared_task(
    base=TaxhauzTask,
    name="notifications.email_send",
    autoretry_for=(*TRANSIENT_ERRORS, OSError),  # SMTP connection trouble is transient too
)
def email_send_task(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    headers: dict[str, str] | None = None,
) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or None,
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
