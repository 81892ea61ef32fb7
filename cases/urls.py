from django.urls import path

from cases import views

app_name = "cases"
urlpatterns = [
    path("requests/", views.document_requests, name="requests"),
    path("requests/<uuid:public_id>/upload/", views.document_upload, name="request_upload"),
]
