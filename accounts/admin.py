from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.services import mfa_reset
from audit.admin_mixins import AuditedAdminMixin

# Authenticator keys are secrets: nobody reads them in the admin (django-otp's admin shows
# them as QR codes). Users enrol on their own sign-in page; staff can only reset.
admin.site.unregister(TOTPDevice)


class UserChangeForm(DjangoUserAdmin.form):
    """Django's form; the password row's help text is dropped because its read-only widget
    has no id for an ``aria-describedby`` to point at (a dangling reference otherwise).
    Passwords are changed from the login's own page or reset by e-mail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].help_text = ""


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    form = UserChangeForm
    ordering = ("full_name",)
    list_display = ("email", "full_name", "role", "client", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email", "full_name")
    list_select_related = ("client",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "role", "client")}),
        ("Access", {"fields": ("is_active", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "role", "client", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ("groups", "user_permissions")
    actions = ["reset_second_factor"]

    @admin.action(description="Reset two-step sign-in (user enrols again at next login)")
    def reset_second_factor(self, request, queryset) -> None:
        for user in queryset:
            mfa_reset(user=user, actor=request.user, request=request)
        messages.success(request, f"Two-step sign-in reset for {queryset.count()} login(s).")
