"""Admin: the interest-rate table (editable by practice staff, audited) and read views of
household records for administrators. Day-to-day entry happens on the records pages."""

from django.contrib import admin

from audit.admin_mixins import AuditedAdminMixin
from audit.services import audit_record
from common.redaction import redact_model_text
from records.models import (
    InstallmentAgreement,
    InterestRatePeriod,
    LevyNotice,
    Payment,
    PriorPenalty,
    Reconciliation,
    TaxReturn,
)


@admin.register(InterestRatePeriod)
class InterestRatePeriodAdmin(admin.ModelAdmin):
    """Rates are published each quarter after the fact: staff add and correct them here."""

    list_display = ("start", "rate", "confirmed", "source", "updated_at")
    list_filter = ("confirmed",)
    ordering = ("-start",)

    def _practice(self, request) -> bool:
        return request.user.is_active and request.user.is_practice

    def has_module_permission(self, request) -> bool:
        return self._practice(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._practice(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return self._practice(request) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._practice(request) or super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        redact_model_text(obj, set(form.changed_data))
        super().save_model(request, obj, form, change)
        audit_record(
            action="interest_rate.change" if change else "interest_rate.add",
            actor=request.user,
            obj=obj,
            request=request,
            detail={
                "start": str(obj.start),
                "rate": str(obj.rate),
                "confirmed": obj.confirmed,
                "changed": list(form.changed_data),
            },
        )

    def delete_model(self, request, obj):
        audit_record(
            action="interest_rate.delete",
            actor=request.user,
            obj=obj,
            request=request,
            detail={"start": str(obj.start), "rate": str(obj.rate)},
        )
        super().delete_model(request, obj)


class _HouseholdAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """A household's records: reads audited once per visit, writes through the service."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(TaxReturn)
class TaxReturnAdmin(_HouseholdAdmin):
    list_display = ("client", "tax_year", "form", "filing_status", "total_tax", "date_filed")
    list_select_related = ("client",)


@admin.register(Payment)
class PaymentAdmin(_HouseholdAdmin):
    list_display = ("client", "tax_year", "date", "amount", "method", "source", "verified_at")
    list_select_related = ("client",)
    exclude = ("proof",)
    readonly_fields = ("public_id", "proof_name", "proof_type", "proof_size", "created_at")


@admin.register(InstallmentAgreement, LevyNotice, PriorPenalty)
class RecordAdmin(_HouseholdAdmin):
    list_select_related = ("client",)


@admin.register(Reconciliation)
class ReconciliationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("notice", "created_at", "action", "override_action", "is_current")
    readonly_fields = [f.name for f in Reconciliation._meta.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
