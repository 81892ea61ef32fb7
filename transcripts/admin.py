"""Read-only admin for staff: what each transcript file held and how it was read."""

from django.contrib import admin

from transcripts.models import Transcript, TranscriptFile, TranscriptTransaction


class _PracticeReadOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return getattr(request.user, "is_practice", False)

    def has_view_permission(self, request, obj=None):
        return getattr(request.user, "is_practice", False)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


class TransactionInline(admin.TabularInline):
    model = TranscriptTransaction
    fields = ("position", "code", "explanation", "cycle", "date", "amount", "pending")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TranscriptFile)
class TranscriptFileAdmin(_PracticeReadOnly):
    list_display = ("original_name", "client", "kind", "status", "created_at")
    list_filter = ("status", "kind")
    readonly_fields = (
        "original_name",
        "client",
        "kind",
        "size",
        "status",
        "error_code",
        "staff_detail",
        "page_count",
        "created_at",
        "read_at",
    )
    exclude = ("file", "sha256")


@admin.register(Transcript)
class TranscriptAdmin(_PracticeReadOnly):
    list_display = ("__str__", "client", "tax_year", "form", "account_balance", "accruals_as_of")
    list_filter = ("tax_year", "form")
    inlines = [TransactionInline]
    readonly_fields = (
        "client",
        "form",
        "tax_period",
        "tin_last4",
        "spouse_tin_last4",
        "request_date",
        "response_date",
        "tracking_number",
        "account_balance",
        "accrued_interest",
        "accrued_penalty",
        "accruals_as_of",
        "balance_plus_accruals",
        "return_figures",
        "no_return_filed",
        "unparsed_lines",
    )
    exclude = ("source", "position", "tax_year")
