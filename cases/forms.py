"""Forms of the case page and the client's document upload. Parsing only; rules live in services."""

from django import forms

from accounts.models import User
from cases.workflow import REASON_LABELS, Reason

FIELD_CHOICES = [
    ("amount_due", "Amount due"),
    ("pay_by_date", "Pay-by date (YYYY-MM-DD)"),
    ("notice_date", "Notice date (YYYY-MM-DD)"),
    ("notice_type", "Notice code"),
    ("tax_year", "Tax year"),
    ("tax_form", "Form"),
    ("ssn_last4", "SSN last 4"),
    ("caller_id", "Caller ID"),
    ("irs_phone", "IRS phone"),
    ("taxpayer_name", "Taxpayer name"),
]


class TransitionForm(forms.Form):
    name = forms.CharField(max_length=40)
    expected_state = forms.CharField(max_length=20)
    reason = forms.ChoiceField(
        choices=[("", "—"), *((r.value, REASON_LABELS[r]) for r in Reason)], required=False
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=User.objects.practice_staff(), required=False, empty_label="Nobody (queue)"
    )


class NoteForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class DocumentRequestForm(forms.Form):
    description = forms.CharField(
        label="Document to ask for",
        max_length=300,
        help_text="The client sees this text in the portal and in the e-mail.",
    )


class FieldCorrectForm(forms.Form):
    notice = forms.UUIDField(widget=forms.HiddenInput)
    name = forms.ChoiceField(label="Field", choices=FIELD_CHOICES)
    value = forms.CharField(label="Correct value", max_length=500, required=False)
    reason = forms.CharField(max_length=200, required=False)

    def clean(self):
        from notices.forms import FieldCorrectionForm

        data = super().clean()
        check = FieldCorrectionForm(
            {"name": data.get("name"), "value": data.get("value", ""), "reason": ""}
        )
        if not check.is_valid():
            raise forms.ValidationError(check.errors.get("__all__") or "Check the value.")
        data["value"] = check.cleaned_data["value"]
        return data


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label="Your document", help_text="A PDF, JPEG or PNG, up to 25 MB.")
