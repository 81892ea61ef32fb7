"""Powers of attorney in the admin (practice roles with a verified second factor).

Staff record each signed form with its matters and representatives and keep its signed
copy privately; the form's rules (:func:`poa.coverage.validate_authorization`) run before
anything is saved, and every save is audited and refreshes the household's coverage.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from audit.services import audit_record
from cases.admin import PracticeOnlyMixin
from common.downloads import private_file_response
from common.redaction import redact_model_text
from poa import selectors, services
from poa.coverage import Matter, PoaForm, validate_authorization
from poa.models import PoaMatter, PoaTask, PowerOfAttorney, Representative


class PracticeAdminMixin:
    """Every practice role works with POAs; which households a login sees is the
    household rule (``visible_to``)."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_practice

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke or withdraw instead: the history of who could act stays


@admin.register(Representative)
class RepresentativeAdmin(PracticeAdminMixin, admin.ModelAdmin):
    list_display = ("user", "designation", "caf_number", "jurisdiction")
    search_fields = ("user__full_name", "user__email", "caf_number")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            action="poa.representative_change" if change else "poa.representative_add",
            actor=request.user,
            obj=obj,
            request=request,
            detail={"user": obj.user_id, "changed": list(form.changed_data)},
        )


class MatterInlineFormSet(forms.BaseInlineFormSet):
    """Runs the form's rules (:func:`validate_authorization`) over the form and its matters."""

    def rules(self) -> tuple[list[str], list[str]]:
        poa = self.instance
        return validate_authorization(
            form=PoaForm(poa.form or PoaForm.F2848),
            matters=self.matters(),
            signed_on=poa.signed_on,
            received_on=poa.received_on,
            revoked_on=poa.revoked_on,
            withdrawn_on=poa.withdrawn_on,
            representatives=getattr(poa, "_representative_count", 0),
            today=timezone.localdate(),
        )

    def clean(self):
        super().clean()
        errors, _ = self.rules()
        if errors:
            raise forms.ValidationError(errors)

    def matters(self) -> list[Matter]:
        found = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            if data.get("first_year") is None or data.get("last_year") is None:
                continue
            found.append(
                Matter(
                    data.get("tax_type") or "",
                    data.get("form_number") or "",
                    data["first_year"],
                    data["last_year"],
                )
            )
        return found


class MatterInline(admin.TabularInline):
    model = PoaMatter
    formset = MatterInlineFormSet
    extra = 1
    min_num = 1
    verbose_name = "tax matter (line 3)"
    verbose_name_plural = "tax matters (line 3): type of tax, form number, years"

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_practice

    has_add_permission = has_change_permission
    has_view_permission = has_change_permission

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class PowerOfAttorneyForm(forms.ModelForm):
    signed_copy = forms.FileField(
        required=False,
        label="Signed copy (PDF, JPEG or PNG)",
        help_text="Kept privately; enclosed with every letter the form covers.",
    )

    class Meta:
        model = PowerOfAttorney
        fields = [
            "client",
            "form",
            "taxpayer",
            "representatives",
            "signed_on",
            "received_on",
            "retains_prior",
            "revoked_on",
            "withdrawn_on",
            "note",
        ]

    def clean(self):
        data = super().clean()
        # The matters' formset checks the whole form's rules; it needs this count.
        self.instance._representative_count = len(data.get("representatives") or [])
        return data

    def clean_signed_copy(self):
        upload = self.cleaned_data.get("signed_copy")
        if upload is None:
            return None
        try:
            return services.poa_copy_check(upload)
        except services.PoaRefused as exc:
            raise forms.ValidationError(str(exc)) from None


@admin.register(PowerOfAttorney)
class PowerOfAttorneyAdmin(PracticeAdminMixin, admin.ModelAdmin):
    form = PowerOfAttorneyForm
    inlines = [MatterInline]
    list_display = (
        "client",
        "form",
        "taxpayer",
        "matters_display",
        "representatives_display",
        "received_on",
        "status_display",
        "copy_link",
    )
    list_filter = ("form", "taxpayer")
    search_fields = ("client__primary_last_name", "client__primary_first_name")
    list_select_related = ("client",)
    readonly_fields = ("copy_link", "created_by", "created_at")
    fieldsets = (
        (None, {"fields": ("client", "form", "taxpayer", "representatives")}),
        ("Dates", {"fields": ("signed_on", "received_on", "retains_prior")}),
        ("End of the authorization", {"fields": ("revoked_on", "withdrawn_on", "note")}),
        ("Signed copy", {"fields": ("signed_copy", "copy_link")}),
        ("Record", {"fields": ("created_by", "created_at")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .visible_to(request.user)
            .prefetch_related("matters", "representatives__user")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "client":
            from clients.models import Client

            kwargs["queryset"] = Client.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Matters")
    def matters_display(self, obj):
        return "; ".join(str(m) for m in obj.matters.all()) or "—"

    @admin.display(description="Representatives")
    def representatives_display(self, obj):
        return ", ".join(r.user.full_name for r in obj.representatives.all()) or "—"

    @admin.display(description="Status")
    def status_display(self, obj):
        today = timezone.localdate()
        if obj.revoked_on and obj.revoked_on <= today:
            return f"Revoked {obj.revoked_on:%b %d, %Y}"
        if obj.withdrawn_on and obj.withdrawn_on <= today:
            return f"Withdrawn {obj.withdrawn_on:%b %d, %Y}"
        if obj.form == PoaForm.F8821:
            return "Information only (8821)"
        return "On file" if obj.received_on else "Waiting for the IRS"

    @admin.display(description="Signed copy")
    def copy_link(self, obj):
        if obj is None or not obj.pk or not obj.copy:
            return "—"
        url = reverse("admin:poa_powerofattorney_copy", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.copy_name or "signed copy")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/copy/", view(self.copy_view), name="poa_powerofattorney_copy"),
            *super().get_urls(),
        ]

    def copy_view(self, request, pk):
        poa = self.get_queryset(request).filter(pk=pk).first()
        if poa is None or not poa.copy:
            raise Http404
        audit_record(
            action="poa.copy_download", actor=request.user, obj=poa, request=request, detail={}
        )
        return private_file_response(poa.copy, kind=poa.copy_kind, original_name=poa.copy_name)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        redact_model_text(obj, set(form.changed_data))  # typed text: never a full SSN
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        poa = form.instance
        checked = form.cleaned_data.get("signed_copy")
        if checked is not None:
            services.poa_copy_attach(actor=request.user, poa=poa, checked=checked)
        warnings = [w for f in formsets if isinstance(f, MatterInlineFormSet) for w in f.rules()[1]]
        for warning in warnings:
            messages.warning(request, warning)
        services.poa_recorded(
            actor=request.user,
            poa=poa,
            created=not change,
            changed=list(form.changed_data),
            request=request,
        )


@admin.register(PoaTask)
class PoaTaskAdmin(PracticeOnlyMixin, admin.ModelAdmin):
    list_display = ("summary", "kind", "due_on", "assignee", "status")
    list_filter = ("status", "kind")
    list_select_related = ("client", "assignee")
    actions = ["mark_done"]
    readonly_fields = ("poa", "client", "kind", "summary", "due_on", "created_at", "done_at")
    fields = ("summary", "kind", "due_on", "poa", "client", "assignee", "status", "done_at")

    def get_queryset(self, request):
        return selectors.tasks_for_user(user=request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            action="poa.task_change",
            actor=request.user,
            obj=obj.poa,
            request=request,
            detail={"task": str(obj.public_id), "changed": list(form.changed_data)},
        )

    @admin.action(description="Mark the selected tasks done")
    def mark_done(self, request, queryset):
        for task in queryset:
            services.poa_task_done(actor=request.user, task=task)
        self.message_user(request, "Marked done.")
