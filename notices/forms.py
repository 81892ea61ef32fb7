from django import forms

from notices import limits


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class NoticeUploadForm(forms.Form):
    files = MultipleFileField(
        label="Your IRS notice",
        help_text="A PDF, or photos of each page (JPEG, PNG, HEIC or TIFF), up to 25 MB each.",
        widget=MultipleFileInput(attrs={"accept": limits.ACCEPT_ATTRIBUTE}),
    )


class FieldCorrectionForm(forms.Form):
    name = forms.CharField(max_length=48)
    value = forms.CharField(max_length=500, required=False)
    reason = forms.CharField(max_length=200, required=False)

    def clean(self):
        import datetime
        from decimal import Decimal, InvalidOperation

        from common.redaction import contains_tin

        data = super().clean()
        name, value = data.get("name"), (data.get("value") or "").strip()
        if contains_tin(value) or contains_tin(data.get("reason") or ""):
            raise forms.ValidationError(
                "Never type a full Social Security number: only its last four digits are kept."
            )
        try:
            if name in ("notice_date", "pay_by_date") and value:
                datetime.date.fromisoformat(value)
            elif name == "amount_due" and value:
                Decimal(value.replace(",", "").replace("$", ""))
                value = value.replace(",", "").replace("$", "")
            elif name == "tax_year" and value:
                int(value)
            elif name == "ssn_last4" and value and not (len(value) == 4 and value.isdigit()):
                raise ValueError
        except (ValueError, InvalidOperation):
            raise forms.ValidationError(f"That is not a valid value for {name}.") from None
        data["value"] = value
        return data


class LegitimacyForm(forms.Form):
    """Staff's verdict on whether the letter is from the IRS, always with a reason."""

    verdict = forms.ChoiceField(
        choices=[
            ("genuine", "Genuine IRS notice"),
            ("suspicious", "Scam: not from the IRS"),
            ("", "Let the reader's verdict stand"),
        ],
        required=False,
    )
    reason = forms.CharField(
        max_length=300,
        help_text="What you checked, e.g. 'called the IRS on 800-829-1040, balance confirmed'.",
    )

    def clean_reason(self):
        from audit.logging import contains_full_ssn

        reason = self.cleaned_data["reason"].strip()
        if contains_full_ssn(reason):
            raise forms.ValidationError(
                "Never type a full Social Security number: only its last four digits are kept."
            )
        return reason
