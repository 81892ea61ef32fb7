from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is evidence, not data to edit."""

    list_display = (
        "occurred_at",
        "actor_email",
        "role",
        "action",
        "object_type",
        "object_id",
        "outcome",
        "ip_address",
    )
    list_filter = ("outcome", "role", "action")
    search_fields = ("actor_email", "action", "object_id")
    date_hierarchy = "occurred_at"
    list_select_related = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
