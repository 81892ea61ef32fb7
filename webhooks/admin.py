"""Webhooks in the practice admin (administrators only): endpoints, deliveries, dead letters."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from accounts.admin_access import AdministratorsOnlyMixin
from webhooks import rules, services
from webhooks.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        label="URL",
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        choices=Event.choices, widget=forms.CheckboxSelectMultiple, label="Events"
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "is_active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            services.url_check(url)
        except rules.TargetRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        return url


def _secret_page(model_admin, request, endpoint, secret: str, title: str):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        "endpoint": endpoint,
        "secret": secret,
    }
    response = TemplateResponse(request, "admin/webhooks/webhookendpoint/secret.html", context)
    response["Cache-Control"] = "no-store"
    return response


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(AdministratorsOnlyMixin, admin.ModelAdmin):
    form = EndpointForm
    list_display = ["name", "url", "event_list", "is_active", "updated_at"]
    list_filter = ["is_active"]
    actions = ["rotate_secret"]

    @admin.display(description="Events")
    def event_list(self, obj) -> str:
        return ", ".join(obj.events)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = EndpointForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            endpoint, secret = services.endpoint_create(
                actor=request.user, name=data["name"], url=data["url"], events=data["events"]
            )
            if not data["is_active"]:
                endpoint.is_active = False
                services.endpoint_update(
                    actor=request.user, endpoint=endpoint, changed=["is_active"]
                )
            return _secret_page(self, request, endpoint, secret, "Webhook endpoint created")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "New webhook endpoint",
            "form": form,
        }
        return TemplateResponse(request, "admin/webhooks/webhookendpoint/add.html", context)

    def save_model(self, request, obj, form, change):
        services.endpoint_update(actor=request.user, endpoint=obj, changed=form.changed_data)

    @admin.action(description="Give the selected endpoint a new signing secret")
    def rotate_secret(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose one endpoint at a time.", messages.ERROR)
            return None
        endpoint = queryset.get()
        secret = services.endpoint_rotate_secret(actor=request.user, endpoint=endpoint)
        return _secret_page(self, request, endpoint, secret, "New signing secret")


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["number", "at", "duration_ms", "status_code", "error", "response_excerpt"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(AdministratorsOnlyMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event_type", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["=event_id", "=public_id"]
    readonly_fields = [
        "public_id",
        "endpoint",
        "event_id",
        "event_type",
        "status",
        "attempts",
        "next_attempt_at",
        "last_status_code",
        "last_error",
        "created_at",
        "delivered_at",
        "redelivery_of",
        "payload",
    ]
    fields = readonly_fields
    inlines = [AttemptInline]
    actions = ["send_again"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the log is evidence; "send again" makes a new delivery

    @admin.action(description="Send again (a new delivery with the same event id)")
    def send_again(self, request, queryset):
        done = 0
        for delivery in queryset.select_related("endpoint"):
            services.delivery_redeliver(actor=request.user, delivery=delivery, request=request)
            done += 1
        self.message_user(request, f"Queued {done} delivery(ies) again.", messages.SUCCESS)

    def get_actions(self, request):
        # The admin's changelist lists actions for users who may change; this one only
        # needs view rights (it adds rows, never edits the log).
        actions = super().get_actions(request)
        if self.has_view_permission(request):
            actions["send_again"] = self.get_action("send_again")
        return actions
