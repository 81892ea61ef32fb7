"""Mailboxes (administrators) and the e-mail triage list (every practice role).

The triage list shows mail that could not be matched to a household; staff open a message,
look at its files, and either attach it to a household (the files then go through the
notice intake) or dismiss it. Nothing is attached automatically.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from accounts.roles import Role
from audit.services import audit_record
from cases.admin import PracticeOnlyMixin
from clients.models import Client
from common.downloads import private_file_response
from mailintake import services
from mailintake.models import InboundAttachment, InboundMessage, Mailbox


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    """Only administrators configure where mail is read from."""

    list_display = ("name", "username", "host", "port", "security", "active", "last_polled_at")
    readonly_fields = ("last_polled_at", "last_error")
    fieldsets = (
        (None, {"fields": ("name", "active")}),
        (
            "Server",
            {"fields": ("host", "port", "security", "username", "password_setting", "folder")},
        ),
        ("After a message is taken in", {"fields": ("after_import", "processed_folder")}),
        ("Sender checks", {"fields": ("require_sender_authentication", "authserv_id")}),
        ("Last poll", {"fields": ("last_polled_at", "last_error")}),
    )

    def _admin(self, request) -> bool:
        return request.user.is_active and request.user.role == Role.ADMIN

    def has_module_permission(self, request):
        return self._admin(request)

    def has_view_permission(self, request, obj=None):
        return self._admin(request)

    def has_change_permission(self, request, obj=None):
        return self._admin(request)

    def has_add_permission(self, request):
        return self._admin(request)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: its messages keep pointing at it

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            action="mailbox.change" if change else "mailbox.add",
            actor=request.user,
            obj=obj,
            request=request,
            detail={"changed": list(form.changed_data)},
        )


class AttachmentInline(admin.TabularInline):
    model = InboundAttachment
    fields = ("name", "kind", "size", "outcome", "detail", "notice", "download")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_practice

    @admin.display(description="File")
    def download(self, obj):
        if not obj.file:
            return "—"
        url = reverse("admin:mailintake_inboundmessage_file", args=[obj.message_id, obj.pk])
        return format_html('<a href="{}">Open</a>', url)


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("all", "All"), *InboundMessage.Status.choices]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Waiting for staff",
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset.filter(status=InboundMessage.Status.TRIAGE)
        if value == "all":
            return queryset
        return queryset.filter(status=value)


class AttachForm(forms.Form):
    client = forms.ModelChoiceField(queryset=Client.objects.none(), label="Household")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.visible_to(user)


@admin.register(InboundMessage)
class InboundMessageAdmin(PracticeOnlyMixin, admin.ModelAdmin):
    list_display = ("received_at", "sender", "subject", "why", "status", "client")
    list_filter = (StatusFilter, "why", "mailbox")
    search_fields = ("sender", "subject")
    inlines = [AttachmentInline]
    change_form_template = "admin/mailintake/inboundmessage/change_form.html"
    readonly_fields = (
        "mailbox",
        "sender",
        "sender_name",
        "subject",
        "body_excerpt",
        "status",
        "why",
        "client",
        "matched_user",
        "received_at",
        "processed_at",
        "replied_at",
        "handled_by",
        "handled_at",
    )
    fields = readonly_fields

    def get_queryset(self, request):
        user = request.user
        base = super().get_queryset(request).select_related("mailbox", "client")
        if not (user.is_active and user.is_practice):
            return base.none()
        # Unmatched mail is for every practice login; matched mail follows its household.
        return base.filter(client__isnull=True) | base.filter(
            client__in=Client.objects.visible_to(user).values("pk")
        )

    def has_change_permission(self, request, obj=None):
        return False  # read-only; the buttons call services

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/attach/",
                view(require_POST(self.attach_view)),
                name="mailintake_inboundmessage_attach",
            ),
            path(
                "<int:pk>/dismiss/",
                view(require_POST(self.dismiss_view)),
                name="mailintake_inboundmessage_dismiss",
            ),
            path(
                "<int:pk>/files/<int:attachment>/",
                view(self.file_view),
                name="mailintake_inboundmessage_file",
            ),
            *super().get_urls(),
        ]

    def _message(self, request, pk) -> InboundMessage:
        found = self.get_queryset(request).filter(pk=pk).first()
        if found is None:
            raise Http404
        return found

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {"attach_form": AttachForm(user=request.user), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)

    def attach_view(self, request, pk):
        message = self._message(request, pk)
        form = AttachForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, "Choose the household this mail belongs to.")
        else:
            try:
                notices = services.triage_attach(
                    actor=request.user, message=message, client=form.cleaned_data["client"]
                )
            except (services.TriageRefused, services.UploadRejected) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request, f"Attached to {form.cleaned_data['client']}: {len(notices)} notice(s)."
                )
        return redirect("admin:mailintake_inboundmessage_change", message.pk)

    def dismiss_view(self, request, pk):
        message = self._message(request, pk)
        services.triage_dismiss(
            actor=request.user, message=message, reason=request.POST.get("reason", "")
        )
        messages.success(request, "Dismissed.")
        return redirect("admin:mailintake_inboundmessage_changelist")

    def file_view(self, request, pk, attachment):
        message = self._message(request, pk)
        record = message.attachments.filter(pk=attachment).exclude(file="").first()
        if record is None:
            raise Http404
        audit_record(
            action="mail.file_download",
            actor=request.user,
            obj=message,
            request=request,
            detail={"attachment": record.position},
        )
        return private_file_response(record.file, kind=record.kind, original_name=record.name)



