from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives


@shared_task(
    name="notifications.email_send",
    autoretry_for=(OSError,),  # SMTP connection trouble is transient
    retry_backoff=True,
    max_retries=5,
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
