"""Deadline rules, the firm's settings and closures (partners edit; staff read), and the
reminder ledger and unsubscribes (read-only). Every edit is audited."""

from django.contrib import admin

from audit.services import audit_record
from common.redaction import redact_model_text
from dashboard.models import (
    ClientEmailPreference,
    DeadlineRule,
    FirmClosure,
    FirmSettings,
    ReminderSent,
)


class PartnersEditMixin:
    """Practice roles may look; partners (and admins) may change. Nothing is deleted
    except a firm closure: a rule without a row would silently fall back to the default."""

    deletable = False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_practice

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_partner

    def has_add_permission(self, request):
        return self.has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.deletable and self.has_change_permission(request)

    def save_model(self, request, obj, form, change):
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        redact_model_text(obj, set(form.changed_data))
        super().save_model(request, obj, form, change)
        audit_record(
            action=f"dashboard.{obj._meta.model_name}_{'change' if change else 'add'}",
            actor=request.user,
            obj=obj,
            request=request,
            detail={"fields": sorted(form.changed_data)},
        )


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(PartnersEditMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "clock",
        "days",
        "large_balance_business_days",
        "printed_date_governs",
        "estimate",
        "next_code",
        "updated_at",
    ]
    search_fields = ["code", "source"]
    readonly_fields = ["updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["code", "clock", "action", "source"]}),
        (
            "How the date is found",
            {"fields": ["printed_date_governs", "days", "large_balance_business_days", "estimate"]},
        ),
        ("What follows if nothing is done", {"fields": ["next_code", "next_title"]}),
        (None, {"fields": ["updated_at", "updated_by"]}),
    ]


@admin.register(FirmSettings)
class FirmSettingsAdmin(PartnersEditMixin, admin.ModelAdmin):
    list_display = ["__str__", "document_reminder_every_days", "updated_at"]

    def has_add_permission(self, request):
        return False  # one row, made by the migration


@admin.register(FirmClosure)
class FirmClosureAdmin(PartnersEditMixin, admin.ModelAdmin):
    list_display = ["day", "name"]
    deletable = True


class ReadOnlyForPartners(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_partner

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyForPartners):
    list_display = ["day", "kind", "recipient", "key", "created_at"]
    list_filter = ["kind", "day"]
    search_fields = ["=recipient", "key"]
    show_full_result_count = False


@admin.register(ClientEmailPreference)
class ClientEmailPreferenceAdmin(ReadOnlyForPartners):
    list_display = ["email", "client", "reminders", "changed_at"]
    search_fields = ["=email"]
