"""The dashboard's filter form (GET): staff member, notice type, amount range."""

from decimal import Decimal

from django import forms

from dashboard.selectors import Filters


class DashboardFilterForm(forms.Form):
    staff = forms.ChoiceField(label="Staff member", required=False)
    notice = forms.ChoiceField(label="Notice type", required=False)
    min = forms.DecimalField(
        label="Amount from ($)",
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
    )
    max = forms.DecimalField(
        label="Amount up to ($)",
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
    )

    def __init__(self, *args, staff: list[tuple[str, str]], codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [("", "Everyone"), *staff]
        self.fields["notice"].choices = [("", "Every notice"), *((c, c) for c in codes)]

    def clean(self):
        data = super().clean()
        low, high = data.get("min"), data.get("max")
        if low is not None and high is not None and low > high:
            raise forms.ValidationError("The lower amount is above the upper one.")
        return data

    def filters(self) -> Filters:
        """The valid narrowing; an invalid form narrows nothing (and shows its errors)."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            assignee=data.get("staff") or "",
            notice=data.get("notice") or "",
            amount_min=data.get("min"),
            amount_max=data.get("max"),
        )
