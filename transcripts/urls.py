from django.urls import path

from transcripts import views

app_name = "transcripts"
urlpatterns = [
    path("mine/", views.my_transcripts, name="mine"),
    path("households/<uuid:public_id>/upload/", views.staff_upload, name="staff_upload"),
]
