"""Admin pages of taxpayer data: reads audited once per visit, writes through services.

``AuditedAdminMixin`` goes first in a ModelAdmin's bases. Opening an object's change page
is a read (``<label>.view``, audit.services.audit_read); saving it calls
audit.services.admin_record_save (before and after of each changed field, SSNs masked),
deleting it admin_record_delete, so no admin edit reaches the database without its row.
"""

from django.contrib.admin.utils import unquote

from audit.services import admin_record_delete, admin_record_save, audit_read


class AuditedAdminMixin:
    audit_label = ""  # "household", "payment" ...: the action prefix of writes
    audit_read_action = ""  # default "<label>.view"

    def _label(self) -> str:
        return self.audit_label or self.model._meta.model_name

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                action = self.audit_read_action or f"{self._label()}.view"
                audit_read(request=request, action=action, obj=obj)
        return response

    def save_model(self, request, obj, form, change):
        admin_record_save(
            actor=request.user,
            request=request,
            obj=obj,
            changed=list(form.changed_data),
            created=not change,
            label=self._label(),
        )

    def delete_model(self, request, obj):
        admin_record_delete(actor=request.user, request=request, obj=obj, label=self._label())

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
