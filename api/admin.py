"""API tokens in the practice admin: administrators create them (shown once) and revoke them."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from accounts.admin_access import AdministratorsOnlyMixin
from accounts.models import User
from accounts.roles import PRACTICE_ROLES
from api.models import ApiToken
from api.services import TokenRefused, api_token_create, api_token_revoke


class ApiTokenCreateForm(forms.Form):
    user = forms.ModelChoiceField(
        label="Acts as",
        queryset=User.objects.filter(role__in=PRACTICE_ROLES, is_active=True),
        help_text="The integration gets exactly this login's role and households.",
    )
    name = forms.CharField(max_length=80, help_text="What will use it, e.g. 'CRM sync'.")
    days = forms.IntegerField(
        label="Valid for (days)",
        min_value=1,
        max_value=settings.TAXHAUZ_API_TOKEN_MAX_DAYS,
        initial=settings.TAXHAUZ_API_TOKEN_DEFAULT_DAYS,
    )


@admin.register(ApiToken)
class ApiTokenAdmin(AdministratorsOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "state", "expires_at", "last_used_at", "created_by"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__email"]
    list_select_related = ["user", "created_by"]
    readonly_fields = [
        "name",
        "prefix",
        "user",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "revoked_by",
        "last_used_at",
        "last_used_ip",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    @admin.display(description="State")
    def state(self, obj: ApiToken) -> str:
        return obj.state

    @admin.action(description="Revoke the selected tokens now")
    def revoke(self, request, queryset) -> None:
        done = sum(api_token_revoke(actor=request.user, token=t, request=request) for t in queryset)
        self.message_user(request, f"Revoked {done} token(s).", messages.SUCCESS)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ApiTokenCreateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                token, raw = api_token_create(
                    actor=request.user, user=data["user"], name=data["name"], days=data["days"]
                )
            except TokenRefused as exc:
                form.add_error(None, str(exc))
            else:
                return self._shown_once(request, token, raw)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "New API token",
            "form": form,
        }
        return TemplateResponse(request, "admin/api/apitoken/add.html", context)

    def _shown_once(self, request, token: ApiToken, raw: str):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "API token created",
            "token": token,
            "raw": raw,
            "api_base": request.build_absolute_uri("/api/v1/"),
        }
        response = TemplateResponse(request, "admin/api/apitoken/created.html", context)
        response["Cache-Control"] = "no-store"
        return response
