"""The case queue and the case page, in the Django admin (practice roles, verified OTP).

The changelist is the queue: sorted by IRS deadline, coloured by urgency, filterable,
with counts per state, in a constant number of queries. The change view is replaced by
the case page (notice pages beside the extracted fields, cross-checks, reconciliation,
records, notes, document requests, letters); every button posts to a small admin view
that calls one service.
"""

from __future__ import annotations

import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from accounts.decorators import passive_view
from accounts.models import User
from audit.services import audit_read, audit_record
from cases import selectors, services
from cases.deadlines import Urgency, days_left, urgency
from cases.forms import (
    AssignForm,
    DocumentRequestForm,
    FieldCorrectForm,
    NoteForm,
    TransitionForm,
)
from cases.models import STATE_CHOICES, Case
from cases.workflow import (
    FLAG_LABELS,
    STATE_LABELS,
    CaseFlag,
    State,
    TransitionNotAllowed,
    allowed_transitions,
)
from common.downloads import private_file_response
from common.labels import action_label, field_label, money

KNOWN_CODES = selectors.QUEUE_NOTICE_CODES
logger = logging.getLogger(__name__)

URGENCY_ORDER = [
    Urgency.OVERDUE,
    Urgency.DUE_3,
    Urgency.DUE_7,
    Urgency.DUE_30,
    Urgency.LATER,
    Urgency.NO_DEADLINE,
]


class PracticeOnlyMixin:
    """Cases are for every practice role (the admin site already demands a verified OTP);
    which cases a login sees is ``Case.objects.visible_to``. Nobody adds or deletes cases
    by hand: they come from notices and are resolved, never deleted."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_practice

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# -------------------------------------------------------------------------- filters


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("all", "All, resolved too"), *STATE_CHOICES]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Open",
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        return selectors.queue_filter_state(queryset, self.value())


class NoticeCodeFilter(admin.SimpleListFilter):
    title = "notice type"
    parameter_name = "notice"

    def lookups(self, request, model_admin):
        return [(c, c) for c in KNOWN_CODES]

    def queryset(self, request, queryset):
        return queryset.filter(notice_code=self.value()) if self.value() else queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = "assignee"
    parameter_name = "assignee"

    def lookups(self, request, model_admin):
        staff = User.objects.practice_staff().values_list("pk", "full_name")
        return [("me", "Me"), ("none", "Unassigned"), *((str(pk), n) for pk, n in staff)]

    def queryset(self, request, queryset):
        return selectors.queue_filter_assignee(queryset, self.value() or "", user=request.user)


class UrgencyFilter(admin.SimpleListFilter):
    title = "days left"
    parameter_name = "urgency"

    def lookups(self, request, model_admin):
        return [(u.value, u.label) for u in URGENCY_ORDER]

    def queryset(self, request, queryset):
        return selectors.queue_filter_urgency(
            queryset, self.value() or "", today=timezone.localdate()
        )


class VerdictFilter(admin.SimpleListFilter):
    title = "reconciliation verdict"
    parameter_name = "verdict"

    def lookups(self, request, model_admin):
        model = selectors.reconciliation_model()
        base = [("none", "Not reconciled")]
        if model is None or not any(f.name == "action" for f in model._meta.get_fields()):
            return base
        actions = model.objects.order_by().values_list("action", flat=True).distinct()[:20]
        return [*base, *((a, action_label(a)) for a in actions if a)]

    def queryset(self, request, queryset):
        return selectors.queue_filter_verdict(queryset, self.value() or "")


class FlagFilter(admin.SimpleListFilter):
    title = "needs a decision"
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return [(selectors.FLAGGED, "Any flag"), *((f.value, FLAG_LABELS[f]) for f in CaseFlag)]

    def queryset(self, request, queryset):
        return selectors.queue_filter_flag(queryset, self.value() or "")


class PoaFilter(admin.SimpleListFilter):
    title = "power of attorney"
    parameter_name = "poa"

    def lookups(self, request, model_admin):
        return [("missing", "No covering 2848"), ("covered", "Covered by a 2848")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(poa_covered=False)
        if self.value() == "covered":
            return queryset.filter(poa_covered=True)
        return queryset


class BulkAssignForm(ActionForm):
    assignee = forms.ModelChoiceField(
        queryset=User.objects.practice_staff(), required=False, empty_label="Nobody (queue)"
    )


def _poa_context(case) -> dict:
    from poa import selectors as poa_selectors

    return {
        "poa_coverage": poa_selectors.case_coverage(case),
        "poas": poa_selectors.poas_for_client(case.client),
    }


def _queue_today(user, visible, flags: dict[str, int]) -> dict:
    """What needs staff today, above the one queue (the staff home page is this queue):
    cases waiting for a decision per flag, e-mail to triage, uncovered cases, POA tasks."""
    from django.db.models import Q

    from mailintake.services import triage_list_for_user
    from poa.selectors import covered_exists, open_tasks_for_user

    open_cases = visible.exclude(state=State.RESOLVED)
    flags = dict(open_cases.exclude(flag="").values_list("flag").annotate(n=Count("pk")).order_by())
    return {
        "flag_counts": [
            {"flag": f.value, "label": FLAG_LABELS[f], "count": flags.get(f.value, 0)}
            for f in CaseFlag
        ],
        "flagged_count": sum(flags.values()),
        "triage_count": triage_list_for_user(user=user).count(),
        "no_poa_count": open_cases.annotate(poa_covered=covered_exists())
        .filter(poa_covered=False)
        .count(),
        "poa_tasks": open_tasks_for_user(user=user).filter(
            Q(assignee=user) | Q(assignee__isnull=True)
        )[:15],
    }


# ---------------------------------------------------------------------------- admin


@admin.register(Case)
class CaseAdmin(PracticeOnlyMixin, admin.ModelAdmin):
    list_display = [
        "case_link",
        "notice_display",
        "household",
        "tax_year",
        "amount",
        "pay_by_date",
        "days_left",
        "state_badge",
        "assignee",
        "verdict_display",
        "poa_display",
    ]
    list_display_links = None
    list_filter = [
        StateFilter,
        FlagFilter,
        NoticeCodeFilter,
        UrgencyFilter,
        AssigneeFilter,
        VerdictFilter,
        PoaFilter,
        "tax_year",
    ]
    search_fields = [
        "client__primary_last_name",
        "client__primary_first_name",
        "client__spouse_first_name",
        "client__spouse_last_name",
        "=notice_code",
        "=caller_id",
    ]
    list_per_page = 50
    show_full_result_count = False
    action_form = BulkAssignForm
    actions = ["bulk_assign"]
    change_list_template = "admin/cases/case/change_list.html"

    class Media:
        css = {"all": ["cases/case_admin.css"]}

    def get_queryset(self, request):
        return selectors.case_list_for_queue(user=request.user)

    def get_search_results(self, request, queryset, search_term):
        return selectors.queue_search(queryset, search_term, known_codes=KNOWN_CODES), False

    # ---- columns

    @admin.display(description="Case", ordering="pk")
    def case_link(self, obj):
        return format_html(
            '<a href="{}">#{}</a>', reverse("admin:cases_case_change", args=[obj.pk]), obj.pk
        )

    @admin.display(description="Notice", ordering="notice_code")
    def notice_display(self, obj):
        code = obj.notice_code or "—"
        if not obj.flag:
            return code
        return format_html(
            '{} <span class="case-flag-tag case-flag-{}" data-testid="flag">{}</span>',
            code,
            obj.flag,
            obj.flag_label,
        )

    @admin.display(description="Household", ordering="client__primary_last_name")
    def household(self, obj):
        return obj.client.display_name

    @admin.display(description="Amount", ordering="amount_due")
    def amount(self, obj):
        return "" if obj.amount_due is None else money(obj.amount_due)

    @admin.display(description="Days left", ordering="irs_deadline")
    def days_left(self, obj):
        today = timezone.localdate()
        level = urgency(obj.irs_deadline, today)
        if obj.irs_deadline is None:
            text = "—"
        else:
            left = days_left(obj.irs_deadline, today)
            text = f"{left} overdue" if left < 0 else str(left)
            text = f"{-left} days overdue" if left < 0 else text
            if obj.deadline_estimate:
                text += " (est.)"
        return format_html(
            '<span class="urgency urgency-{}" title="{}">{}</span>', level.value, level.label, text
        )

    @admin.display(description="State", ordering="state")
    def state_badge(self, obj):
        return format_html(
            '<span class="case-state case-state-{}">{}</span>',
            obj.state,
            STATE_LABELS[State(obj.state)],
        )

    @admin.display(description="Reconciliation")
    def verdict_display(self, obj):
        value = getattr(obj, "verdict", None)
        return action_label(value) if value else "—"

    @admin.display(description="POA", ordering="poa_covered")
    def poa_display(self, obj):
        if getattr(obj, "poa_covered", False):
            return format_html('<span class="poa-covered" title="{}">✓ 2848</span>', "Covered")
        return format_html(
            '<span class="poa-missing" title="{}">✗ none</span>',
            "No Form 2848 on file covers this case",
        )

    # ---- queue page

    def changelist_view(self, request, extra_context=None):
        visible = Case.objects.visible_to(request.user).order_by()
        counts: dict[str, int] = {}
        flags: dict[str, int] = {}
        for state, flag, n in visible.values_list("state", "flag").annotate(n=Count("pk")):
            counts[state] = counts.get(state, 0) + n
            if flag and state != State.RESOLVED:
                flags[flag] = flags.get(flag, 0) + n
        extra = {
            "title": "Case queue",
            "state_counts": [
                {"state": s.value, "label": STATE_LABELS[s], "count": counts.get(s.value, 0)}
                for s in State
            ],
            "open_count": sum(n for s, n in counts.items() if s != State.RESOLVED),
            **_queue_today(request.user, visible, flags),
        }
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    @admin.action(description="Assign the selected cases to…")
    def bulk_assign(self, request, queryset):
        form = BulkAssignForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "Choose who gets the cases.", messages.ERROR)
            return
        changed = services.case_assign_bulk(
            actor=request.user, cases=queryset, assignee=form.cleaned_data["assignee"]
        )
        self.message_user(request, f"Reassigned {changed} case{'s' if changed != 1 else ''}.")

    # ---- case page

    def get_urls(self):
        view = self.admin_site.admin_view

        def post(fn):
            return view(require_POST(fn))

        @passive_view  # polled by the page: not activity, never extends the idle timeout
        def previews_status(request, *args, **kwargs):
            return self.previews_status_view(request, *args, **kwargs)

        @passive_view  # polled while a letter renders: not activity either
        def letters_status(request, *args, **kwargs):
            return self.letters_status_view(request, *args, **kwargs)

        mine = [
            path("<int:pk>/take/", post(self.take_view), name="cases_case_take"),
            path("<int:pk>/transition/", post(self.transition_view), name="cases_case_transition"),
            path("<int:pk>/assign/", post(self.assign_view), name="cases_case_assign"),
            path("<int:pk>/note/", post(self.note_view), name="cases_case_note"),
            path("<int:pk>/request/", post(self.request_view), name="cases_case_request"),
            path("<int:pk>/correct/", post(self.correct_view), name="cases_case_correct"),
            path(
                "<int:pk>/notices/<uuid:notice>/pages/<int:number>.png",
                view(self.page_image_view),
                name="cases_case_page_image",
            ),
            path(
                "<int:pk>/notices/<uuid:notice>/previews/",
                view(previews_status),
                name="cases_case_previews",
            ),
            path(
                "<int:pk>/letters/status/",
                view(letters_status),
                name="cases_case_letters",
            ),
            path(
                "<int:pk>/documents/<uuid:document>/",
                view(self.document_view),
                name="cases_case_document",
            ),
        ]
        from letters.admin_views import letter_urls

        return mine + letter_urls(self) + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            raise Http404
        case = selectors.case_get_for_user(user=request.user, pk=int(object_id))
        audit_read(request=request, action="case.view", obj=case)
        from letters.admin_views import letters_context

        notices = selectors.case_notices(case)
        reconciliations = selectors.reconciliations_for(notices)
        by_notice = {r["notice_id"]: r for r in reconciliations}
        blocks = []
        for n in notices:
            block = self._notice_block(case, n)
            rec = by_notice.get(n.pk) or {}
            block["ledger"] = rec.get("ledger") or []
            block["transcript"] = rec.get("transcript")
            blocks.append(block)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Case #{case.pk}: {case.notice_code} · {case.client.display_name}",
            "case": case,
            "today": timezone.localdate(),
            "urgency": urgency(case.irs_deadline, timezone.localdate()).value,
            "days_left": days_left(case.irs_deadline, timezone.localdate())
            if case.irs_deadline
            else None,
            "transitions": [
                t
                for t in allowed_transitions(case.state, services.actor_kind(request.user))
                if not t.guards and t.name != "notice_joined"  # guarded edges follow letters
            ],
            "notices": blocks,
            "reconciliations": reconciliations,
            "records": selectors.household_records(case),
            "documents": selectors.case_documents(case),
            "requests": case.document_requests.all(),
            "notes": case.notes.select_related("author"),
            "events": case.events.select_related("actor")[:100],
            "assign_form": AssignForm(initial={"assignee": case.assignee_id}),
            "note_form": NoteForm(),
            "request_form": DocumentRequestForm(),
            "transition_form": TransitionForm(),
            **letters_context(request, case),
            **_poa_context(case),
        }
        return TemplateResponse(request, "admin/cases/case/case_page.html", context)

    def _notice_block(self, case, notice) -> dict:
        fields = list(notice.fields.select_related("corrected_by").order_by("name"))
        # The worker renders the previews; this page never does. Missing ones are asked for
        # (again) and shown as placeholders that case_page.js swaps in once they exist.
        pages = selectors.notice_previews(notice)
        pending = any(not p["ready"] and not p["failed"] for p in pages)
        if pending:
            services.notice_previews_enqueue(notice.pk)
        return {
            "notice": notice,
            "fields": fields,
            "pages": pages,
            "previews_pending": pending,
            "files": notice.files.order_by("position"),
            "correct_form": FieldCorrectForm(initial={"notice": notice.public_id}),
        }

    # ---- actions (POST only; each calls one service)

    def _case(self, request, pk) -> Case:
        return selectors.case_get_for_user(user=request.user, pk=pk)

    def _back(self, case) -> HttpResponseRedirect:
        return redirect("admin:cases_case_change", case.pk)

    def _run(self, request, case, fn, ok: str):
        try:
            fn()
        except (TransitionNotAllowed, services.CaseConflict, ValueError, ValidationError) as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, ok, messages.SUCCESS)
        return self._back(case)

    def take_view(self, request, pk):
        case = self._case(request, pk)
        return self._run(
            request,
            case,
            lambda: services.case_claim(actor=request.user, case=case),
            "The case is yours.",
        )

    def transition_view(self, request, pk):
        case = self._case(request, pk)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "That change was not understood.", messages.ERROR)
            return self._back(case)
        data = form.cleaned_data
        return self._run(
            request,
            case,
            lambda: services.case_transition(
                actor=request.user,
                case=case,
                name=data["name"],
                expected_state=data["expected_state"],
                reason=data["reason"] or None,
            ),
            "Case updated.",
        )

    def assign_view(self, request, pk):
        case = self._case(request, pk)
        form = AssignForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "Choose a staff member.", messages.ERROR)
            return self._back(case)
        return self._run(
            request,
            case,
            lambda: services.case_assign(
                actor=request.user, case=case, assignee=form.cleaned_data["assignee"]
            ),
            "Assignment saved.",
        )

    def note_view(self, request, pk):
        case = self._case(request, pk)
        form = NoteForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "A note needs some text.", messages.ERROR)
            return self._back(case)
        return self._run(
            request,
            case,
            lambda: services.case_note_add(
                actor=request.user, case=case, body=form.cleaned_data["body"]
            ),
            "Note added.",
        )

    def request_view(self, request, pk):
        case = self._case(request, pk)
        form = DocumentRequestForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "Say which document to ask for.", messages.ERROR)
            return self._back(case)
        return self._run(
            request,
            case,
            lambda: services.document_request_create(
                actor=request.user, case=case, description=form.cleaned_data["description"]
            ),
            "The client has been asked (portal and e-mail).",
        )

    def correct_view(self, request, pk):
        case = self._case(request, pk)
        form = FieldCorrectForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
            self.message_user(request, errors or "Check the value.", messages.ERROR)
            return self._back(case)
        data = form.cleaned_data
        notice = selectors.case_notice_get(case=case, notice_public_id=data["notice"])
        return self._run(
            request,
            case,
            lambda: services.case_field_correct(
                actor=request.user,
                case=case,
                notice=notice,
                name=data["name"],
                value=data["value"],
                reason=data["reason"],
            ),
            f"Corrected {field_label(data['name'])}.",
        )

    def page_image_view(self, request, pk, notice, number):
        """A preview the worker rendered (404 until it has; never rendered here)."""
        from cases.models import NoticePageImage

        case = self._case(request, pk)
        found = selectors.case_notice_get(case=case, notice_public_id=notice)
        image = NoticePageImage.objects.filter(notice=found, number=number).first()
        if image is None or not image.image:
            raise Http404("No preview of that page (yet).")
        audit_read(request=request, action="notice.page_view", obj=found, detail={"page": number})
        response = FileResponse(image.image.open("rb"), content_type="image/png")
        response["Cache-Control"] = "private, max-age=300"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def previews_status_view(self, request, pk, notice):
        """Polled by the case page while previews are missing (passive: not activity)."""
        case = self._case(request, pk)
        found = selectors.case_notice_get(case=case, notice_public_id=notice)
        response = JsonResponse({"ready": not selectors.previews_pending(found)})
        response["Cache-Control"] = "no-store"
        return response

    def letters_status_view(self, request, pk):
        """The letters table, polled (htmx) by the case page while a letter or packet
        renders; the page itself never reloads. A read within the page's visit: no new
        audit row (``audit_read``)."""
        from letters.admin_views import letters_context

        case = self._case(request, pk)
        audit_read(request=request, action="case.view", obj=case)
        context = {"case": case, "today": timezone.localdate(), **letters_context(request, case)}
        response = TemplateResponse(request, "admin/cases/case/_letters.html", context)
        response["Cache-Control"] = "no-store"
        return response

    def document_view(self, request, pk, document):
        case = self._case(request, pk)
        record = get_object_or_404(selectors.case_documents(case), public_id=document)
        audit_record(
            action="case.document_download",
            actor=request.user,
            obj=case,
            request=request,
            detail={"document": str(record.public_id)},
        )
        return private_file_response(
            record.file, kind=record.kind, original_name=record.original_name
        )
