"""Forms validate input only; the services decide and save. Server-owned fields (household,
source, who entered or verified) are never form fields."""

from django import forms
from django.utils import timezone

from records.models import (
    HouseholdFacts,
    InstallmentAgreement,
    LevyNotice,
    Payment,
    PriorPenalty,
    RecommendedAction,
    SsnOwner,
    TaxReturn,
)
from records.proofs import ACCEPT_ATTRIBUTE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PaymentForm(forms.ModelForm):
    prefix = "payment"  # several forms share the records page: unique ids

    proof = forms.FileField(
        label="Proof of payment",
        required=False,
        help_text="A PDF or photo (JPEG, PNG, HEIC or TIFF), up to 25 MB: the confirmation "
        "page, the bank statement showing the debit, or the canceled check (front and back).",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    class Meta:
        model = Payment
        fields = [
            "tax_year",
            "form",
            "date",
            "amount",
            "method",
            "confirmation_or_check_number",
            "ssn_owner",
            "designated_tax_year",
            "designated_form",
            "proof_kind",
        ]
        widgets = {"date": DATE}
        labels = {
            "confirmation_or_check_number": "Confirmation or check number",
            "designated_tax_year": "Tax year chosen when paying (if different)",
            "designated_form": "Form chosen when paying (if different)",
            "proof_kind": "What the proof is",
        }

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tax_year"].initial = timezone.localdate().year - 1
        if not client.spouse_first_name:
            self.fields["ssn_owner"].choices = [(SsnOwner.PRIMARY, SsnOwner.PRIMARY.label)]

    def clean(self):
        data = super().clean()
        if data.get("proof") and not data.get("proof_kind"):
            self.add_error("proof_kind", "Say what the proof is.")
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "tax_year": data["tax_year"],
            "form": data["form"],
            "date": data["date"],
            "amount": data["amount"],
            "method": data["method"],
            "confirmation_or_check_number": data["confirmation_or_check_number"],
            "ssn_owner": data["ssn_owner"],
            "designated_tax_year": data["designated_tax_year"],
            "designated_form": data["designated_form"],
            "proof": data.get("proof") or None,
            "proof_kind": data["proof_kind"] if data.get("proof") else "",
        }


class TaxReturnForm(forms.ModelForm):
    prefix = "return"

    class Meta:
        model = TaxReturn
        fields = [
            "tax_year",
            "form",
            "filing_status",
            "original_due_date",
            "extended_due_date",
            "date_filed",
            "total_tax",
            "withholding",
            "estimated_payments",
            "refundable_credits",
            "paid_with_return",
        ]
        widgets = {
            "original_due_date": DATE,
            "extended_due_date": DATE,
            "date_filed": DATE,
        }
        help_texts = {
            "withholding": "W-2/1099 withholding (counts as paid on the due date).",
            "date_filed": "Leave blank if filed on time.",
        }


class InstallmentForm(forms.ModelForm):
    prefix = "plan"

    class Meta:
        model = InstallmentAgreement
        fields = ["tax_year", "start", "end"]
        widgets = {"start": DATE, "end": DATE}


class LevyNoticeForm(forms.ModelForm):
    prefix = "levy"

    class Meta:
        model = LevyNotice
        fields = ["tax_year", "date", "notice_type"]
        widgets = {"date": DATE}


class PriorPenaltyForm(forms.ModelForm):
    prefix = "penalty"

    class Meta:
        model = PriorPenalty
        fields = ["tax_year", "kind", "abated"]

    def validate_unique(self):
        """The service reports a duplicate (it knows the household)."""


class HouseholdFactsForm(forms.ModelForm):
    prefix = "facts"

    class Meta:
        model = HouseholdFacts
        fields = ["all_returns_filed", "ability_to_pay"]


class PaymentsCsvForm(forms.Form):
    prefix = "csv"

    file = forms.FileField(
        label="Payments CSV",
        help_text="Header row: date, amount, method, tax_year, and optionally form, confirmation, "
        "ssn_owner, designated_tax_year, designated_form.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class OverrideForm(forms.Form):
    action = forms.ChoiceField(label="Recommended action", choices=RecommendedAction.choices)
    reason = forms.CharField(label="Why", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
