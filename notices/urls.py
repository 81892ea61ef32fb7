from django.urls import path

from notices import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<uuid:public_id>/", views.notice_detail, name="detail"),
    path("<uuid:public_id>/status/", views.notice_status, name="status"),
    path("<uuid:public_id>/timeline/", views.notice_timeline, name="timeline"),
    path("<uuid:public_id>/files/<int:position>/", views.notice_file_download, name="file"),
    path("<uuid:public_id>/review/", views.notice_staff_detail, name="staff_detail"),
    path("<uuid:public_id>/review/correct/", views.notice_field_correct_view, name="correct"),
    path("<uuid:public_id>/review/verdict/", views.notice_legitimacy_view, name="verdict"),
]
