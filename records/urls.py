from django.urls import path

from records import views

app_name = "records"
urlpatterns = [
    path("payments/", views.my_payments, name="my_payments"),
    path("payments/<uuid:public_id>/proof/", views.payment_proof_download, name="proof"),
    path("payments/<uuid:public_id>/verify/", views.payment_verify, name="verify"),
    path("households/<uuid:public_id>/", views.household_view, name="household"),
    path("households/<uuid:public_id>/returns/", views.tax_return_save, name="return_save"),
    path("households/<uuid:public_id>/payments/", views.staff_payment_add, name="payment_add"),
    path(
        "households/<uuid:public_id>/payments/import/",
        views.payments_import,
        name="payments_import",
    ),
    path(
        "households/<uuid:public_id>/installments/",
        views.installment_save,
        name="installment_save",
    ),
    path("households/<uuid:public_id>/levy-notices/", views.levy_notice_save, name="levy_save"),
    path(
        "households/<uuid:public_id>/prior-penalties/",
        views.prior_penalty_save,
        name="penalty_save",
    ),
    path("households/<uuid:public_id>/facts/", views.household_facts_save, name="facts_save"),
    path("notices/<uuid:public_id>/", views.reconciliation_view, name="reconciliation"),
    path(
        "notices/<uuid:public_id>/override/",
        views.reconciliation_override,
        name="override",
    ),
    path("notices/<uuid:public_id>/run/", views.reconciliation_rerun, name="rerun"),
]
