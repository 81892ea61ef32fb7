"""Every write for webhooks: endpoints, emitting events, sending, retrying, redelivering,
and the deadline-risk scan."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.models import Outcome
from audit.services import audit_record
from notifications.services import email_enqueue
from webhooks import events, rules, transport
from webhooks.models import (
    DeadlineRiskSent,
    DeliveryStatus,
    Event,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

logger = logging.getLogger(__name__)

API_VERSION = "v1"
SWEEP_GRACE = timedelta(seconds=60)  # a scheduled retry this late was lost: queue it again
AT_RISK_DAYS = 3  # an IRS deadline this close (or the firm's internal target passed)


# ------------------------------------------------------------------------- endpoints


def endpoint_secret(endpoint: WebhookEndpoint) -> str:
    """The endpoint's signing secret, derived (never stored): key + endpoint id + salt."""
    key = settings.TAXHAUZ_WEBHOOK_SIGNING_KEY or settings.SECRET_KEY
    message = f"taxhauz-webhook:{endpoint.public_id}:{endpoint.secret_salt}".encode()
    return "whsec_" + hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def url_check(url: str) -> rules.Target:
    """Raise rules.TargetRefused unless the URL may be sent to under these settings."""
    return rules.target_check(
        url,
        resolve=transport.resolve,
        allow_loopback=settings.TAXHAUZ_WEBHOOK_ALLOW_LOOPBACK,
        require_https=settings.TAXHAUZ_WEBHOOK_REQUIRE_HTTPS,
    )


def _events_clean(chosen) -> list[str]:
    found = [str(e) for e in chosen]
    unknown = sorted(set(found) - set(Event.values))
    if unknown:
        raise ValueError(f"Unknown event types: {', '.join(unknown)}.")
    return sorted(set(found))


def endpoint_create(
    *, actor, name: str, url: str, events: list[str]
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret (shown to the administrator once)."""
    url_check(url)
    with transaction.atomic(durable=True):
        endpoint = WebhookEndpoint.objects.create(
            name=name.strip()[:80], url=url, events=_events_clean(events), created_by=actor
        )
        audit_record(
            action="webhook.endpoint_create",
            actor=actor,
            obj=endpoint,
            detail={"url": url, "events": endpoint.events},
        )
    return endpoint, endpoint_secret(endpoint)


def endpoint_update(*, actor, endpoint: WebhookEndpoint, changed: list[str]) -> None:
    url_check(endpoint.url)
    endpoint.events = _events_clean(endpoint.events)
    with transaction.atomic(durable=True):
        endpoint.save()
        audit_record(
            action="webhook.endpoint_change",
            actor=actor,
            obj=endpoint,
            detail={"fields": sorted(changed), "url": endpoint.url, "active": endpoint.is_active},
        )


def endpoint_rotate_secret(*, actor, endpoint: WebhookEndpoint) -> str:
    """A new secret at once: deliveries from now on are signed with it."""
    from webhooks.models import _new_salt

    with transaction.atomic(durable=True):
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(secret_salt=_new_salt())
        audit_record(action="webhook.secret_rotate", actor=actor, obj=endpoint)
    endpoint.refresh_from_db()
    return endpoint_secret(endpoint)


# ------------------------------------------------------------------------------ events


def event_envelope(event_type: str, data: dict, *, event_id: uuid.UUID) -> dict:
    return {
        "id": str(event_id),
        "type": event_type,
        "created": timezone.now().isoformat(),
        "api_version": API_VERSION,
        "data": data,
    }


def subscribers(event_type: str) -> list[WebhookEndpoint]:
    # Few rows; filtered in Python (JSON containment is not portable to SQLite, the demo).
    return [e for e in WebhookEndpoint.objects.filter(is_active=True) if e.wants(event_type)]


def event_emit(event_type: str, data: dict) -> list[WebhookDelivery]:
    """One pending delivery per subscribed endpoint, in the caller's transaction; the
    worker is asked to send each once that transaction commits."""
    endpoints = subscribers(event_type)
    if not endpoints:
        return []
    event_id = uuid.uuid4()
    payload = event_envelope(event_type, data, event_id=event_id)
    now = timezone.now()
    created = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            event_id=event_id,
            event_type=event_type,
            payload=payload,
            next_attempt_at=now,
        )
        for endpoint in endpoints
    )
    ids = [d.pk for d in created]
    transaction.on_commit(lambda: [_enqueue(pk) for pk in ids])
    return created


def _enqueue(delivery_id: int, countdown: float = 0) -> None:
    from webhooks.tasks import webhook_deliver_task

    try:
        webhook_deliver_task.apply_async((delivery_id,), countdown=countdown or None)
    except Exception:  # broker down: the row waits; the sweeper queues it later
        logger.warning("could not queue webhook delivery %s; the sweeper will", delivery_id)


# --------------------------------------------------------------------------- sending


def body_bytes(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def _claim(delivery_id: int) -> bool:
    now = timezone.now()
    hold = timedelta(seconds=settings.TAXHAUZ_WEBHOOK_TIMEOUT_SECONDS * 2 + 10)
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery_id,
            status=DeliveryStatus.PENDING,
            next_attempt_at__lte=now + timedelta(seconds=1),
        )
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + hold)
    )


def delivery_attempt(*, delivery_id: int) -> WebhookDelivery | None:
    """Send one due delivery once. Idempotent by state: a delivery that is not pending,
    not due yet, or being sent by another worker is left alone."""
    if not _claim(delivery_id):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    started = timezone.now()
    permanent = False
    if not endpoint.is_active:
        answer = transport.Answer(None, "", "The endpoint is switched off.", 0)
        permanent = True
    else:
        body = body_bytes(delivery.payload)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Taxhauz-Webhooks/1",
            "Taxhauz-Event": delivery.event_type,
            "Taxhauz-Event-Id": str(delivery.event_id),
            "Taxhauz-Delivery": str(delivery.public_id),
            rules.SIGNATURE_HEADER: rules.sign(endpoint_secret(endpoint), body, int(time.time())),
        }
        try:
            target = url_check(endpoint.url)
        except rules.TargetRefused as exc:
            answer = transport.Answer(None, "", f"Refused: {exc}"[:300], 0)
            permanent = True
        else:
            answer = transport.post(
                target, body, headers, timeout=settings.TAXHAUZ_WEBHOOK_TIMEOUT_SECONDS
            )
    return _record(delivery, answer, started=started, permanent=permanent)


def _record(delivery, answer: transport.Answer, *, started, permanent: bool):
    number = delivery.attempts + 1
    now = timezone.now()
    updates: dict = {
        "attempts": number,
        "locked_until": None,
        "last_status_code": answer.status_code,
        "last_error": answer.error[:300],
    }
    delay = None
    if answer.ok:
        updates.update(status=DeliveryStatus.SUCCEEDED, delivered_at=now, next_attempt_at=None)
    elif permanent or number >= settings.TAXHAUZ_WEBHOOK_MAX_ATTEMPTS:
        updates.update(status=DeliveryStatus.DEAD, next_attempt_at=None)
    else:
        delay = rules.backoff_seconds(
            number,
            base=settings.TAXHAUZ_WEBHOOK_BACKOFF_SECONDS,
            cap=settings.TAXHAUZ_WEBHOOK_BACKOFF_MAX_SECONDS,
        )
        updates["next_attempt_at"] = now + timedelta(seconds=delay)
    with transaction.atomic(durable=True):
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=number,
            at=started,
            duration_ms=answer.duration_ms,
            status_code=answer.status_code,
            error=answer.error[:300],
            response_excerpt=answer.excerpt[:500],
        )
        WebhookDelivery.objects.filter(pk=delivery.pk).update(**updates)
        if updates.get("status") == DeliveryStatus.DEAD:
            _dead_letter(delivery, number, answer.error)
        if delay is not None:
            transaction.on_commit(lambda: _enqueue(delivery.pk, countdown=delay))
    delivery.refresh_from_db()
    return delivery


def _dead_letter(delivery: WebhookDelivery, attempts: int, error: str) -> None:
    audit_record(
        action="webhook.dead_letter",
        actor_email="worker",
        obj=delivery.endpoint,
        outcome=Outcome.FAILURE,
        detail={
            "delivery": str(delivery.public_id),
            "event": delivery.event_type,
            "attempts": attempts,
            "error": error[:200],
        },
    )
    admins = list(
        User.objects.filter(role=Role.ADMIN, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    email_enqueue(
        to=admins,
        subject=f"[Taxhauz] Webhook to {delivery.endpoint.name} gave up",
        body=(
            f"A {delivery.event_type} event could not be delivered to {delivery.endpoint.url} "
            f"after {attempts} attempts (last: {error or 'no answer'}).\n\n"
            "Fix the receiver, then send it again from Admin > Webhook deliveries "
            "(filter: dead), action 'Send again'.\n"
        ),
    )


def delivery_redeliver(*, actor, delivery: WebhookDelivery, request=None) -> WebhookDelivery:
    """Send an event again (a dead letter, or any other): a new delivery with the same
    event id and payload, so a receiver that saw it before can tell."""
    with transaction.atomic(durable=True):
        again = WebhookDelivery.objects.create(
            endpoint=delivery.endpoint,
            event_id=delivery.event_id,
            event_type=delivery.event_type,
            payload=delivery.payload,
            next_attempt_at=timezone.now(),
            redelivery_of=delivery,
        )
        audit_record(
            action="webhook.redeliver",
            actor=actor,
            obj=delivery.endpoint,
            request=request,
            detail={"delivery": str(delivery.public_id), "new": str(again.public_id)},
        )
        transaction.on_commit(lambda: _enqueue(again.pk))
    return again


def deliveries_sweep(*, now=None) -> int:
    """Queue again pending deliveries whose time passed with nobody sending them (the broker
    was down when they were made, or a worker lost the scheduled retry)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lt=now - SWEEP_GRACE
    ).filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
    ids = list(due.values_list("pk", flat=True)[:500])
    for pk in ids:
        _enqueue(pk)
    return len(ids)


# ---------------------------------------------------------------------- deadline risk


def deadline_risk_level(case, *, today: date) -> str | None:
    """``overdue`` past the IRS deadline; ``at_risk`` within AT_RISK_DAYS of it or past the
    firm's internal target; else None. Only while nothing has gone to the IRS."""
    from cases.workflow import State

    if case.irs_deadline is None or case.state in (
        State.SENT,
        State.WAITING_ON_IRS,
        State.RESOLVED,
    ):
        return None
    if case.irs_deadline < today:
        return "overdue"
    if case.irs_deadline <= today + timedelta(days=AT_RISK_DAYS) or (
        case.internal_target is not None and case.internal_target <= today
    ):
        return "at_risk"
    return None


def deadline_risk_scan(*, today: date | None = None) -> int:
    """Emit deadline.at_risk once per case, deadline and level. Returns events emitted."""
    from cases.models import Case
    from cases.workflow import State

    today = today or timezone.localdate()
    if not subscribers(Event.DEADLINE_AT_RISK):
        return 0
    horizon = today + timedelta(days=AT_RISK_DAYS)
    candidates = (
        Case.objects.open()
        .exclude(state__in=[State.SENT, State.WAITING_ON_IRS])
        .filter(irs_deadline__isnull=False)
        .filter(Q(irs_deadline__lte=horizon) | Q(internal_target__lte=today))
        .select_related("client")
    )
    emitted = 0
    for case in candidates.iterator():
        level = deadline_risk_level(case, today=today)
        if level is None:
            continue
        try:
            with transaction.atomic(durable=True):
                DeadlineRiskSent.objects.create(
                    case=case, irs_deadline=case.irs_deadline, level=level
                )
                data = events.deadline_at_risk_data(
                    case, level=level, days_left=(case.irs_deadline - today).days
                )
                event_emit(Event.DEADLINE_AT_RISK, data)
        except IntegrityError:
            continue  # told already
        emitted += 1
    return emitted
