from django.contrib import admin

from audit.admin_mixins import AuditedAdminMixin
from clients.models import Client


@admin.register(Client)
class ClientAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Households: reading one is audited (client.view, once per visit), and every change
    goes through audit.services.admin_record_save (household.admin_change)."""

    audit_label = "household"
    audit_read_action = "client.view"  # the same read as the portal's household page

    list_display = (
        "display_name",
        "filing_status",
        "masked_primary_ssn",
        "city",
        "state",
        "assigned_staff",
    )
    list_filter = ("filing_status", "state", "assigned_staff")
    search_fields = (
        "primary_last_name",
        "primary_first_name",
        "spouse_last_name",
        "spouse_first_name",
        "zip_code",
    )
    list_select_related = ("assigned_staff",)
    readonly_fields = ("public_id", "created_at")

    def get_readonly_fields(self, request, obj=None):
        """Internal fields show on an existing household only; the add form has none."""
        return self.readonly_fields if obj is not None else ()

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)
