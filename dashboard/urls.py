from django.urls import path

from dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/export.csv", views.dashboard_export, name="export"),
    path("email/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
