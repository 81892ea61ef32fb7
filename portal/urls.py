from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_queue, name="case_queue"),
    path("dashboard/", views.partner_dashboard, name="dashboard"),
]
