from django.urls import path

from dashboard import views as dashboard_views
from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_queue, name="case_queue"),
    path("dashboard/", dashboard_views.dashboard_page, name="dashboard"),
]
