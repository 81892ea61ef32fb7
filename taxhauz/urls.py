"""URL map. Every route needs a login and a role except accounts' public pages and /healthz."""

from django.contrib import admin
from django.urls import include, path

from portal import views as portal_views
from taxhauz.admin_site import PracticeAdminSite

# The admin requires a verified second factor, on top of the site-wide MFA middleware.
admin.site.__class__ = PracticeAdminSite
admin.site.restrict_to_administrators()

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("account/", include("accounts.urls")),
    path("clients/", include("clients.urls")),
    path("notices/", include("notices.urls")),
    path("cases/", include("cases.urls")),
    path("records/", include("records.urls")),
    path("api/v1/", include("api.urls")),
    path("transcripts/", include("transcripts.urls")),
    path("admin/", admin.site.urls),
    path("", include("dashboard.urls")),
    path("", include("portal.urls")),
]

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"
