"""Staff forms for letters: generate (with the kind's options), edit paragraphs, mark sent."""

from django import forms

from letters.models import KIND_LABELS, Dispatch
from letters.parts import Cp2000Position, PaymentIssue, PlanKind, ReliefRoute

ISSUE_LABELS = {
    PaymentIssue.NOT_APPLIED: "Payment made but not applied",
    PaymentIssue.SPOUSE_SSN: "Paid under the spouse's SSN (joint return)",
    PaymentIssue.WRONG_YEAR: "Applied to the wrong tax year",
    PaymentIssue.WRONG_FORM: "Applied to the wrong form",
    PaymentIssue.WITH_RETURN: "Paid with the return, not yet processed",
    PaymentIssue.NOT_POSTED: "Not yet posted when the notice was issued",
}


class GenerateLetterForm(forms.Form):
    kind = forms.ChoiceField(label="Letter", choices=[(k.value, v) for k, v in KIND_LABELS.items()])
    signer = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Signed by",
        empty_label="The person drafting",
        help_text="A letter to the IRS needs a 2848 on file naming its signer.",
    )
    enclosures = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Enclosures (in packet order)"
    )
    # dispute (balance already paid)
    issue = forms.ChoiceField(
        choices=[(k.value, v) for k, v in ISSUE_LABELS.items()],
        required=False,
        label="What went wrong with the payment",
    )
    paid_on = forms.DateField(required=False, label="Paid on (YYYY-MM-DD)")
    paid_amount = forms.DecimalField(
        required=False, max_digits=12, decimal_places=2, label="Amount paid"
    )
    method = forms.CharField(
        required=False,
        max_length=80,
        label="Paid by",
        help_text="IRS Direct Pay, EFTPS, check no. 1042 …",
    )
    reference = forms.CharField(required=False, max_length=40, label="Confirmation number")
    spouse_last4 = forms.RegexField(regex=r"^\d{4}$", required=False, label="Spouse SSN last 4")
    applied_to = forms.CharField(required=False, max_length=80, label="Where it was applied")
    # penalty relief
    route = forms.ChoiceField(
        choices=[
            (ReliefRoute.FIRST_TIME_ABATE.value, "First-Time Abate"),
            (ReliefRoute.REASONABLE_CAUSE.value, "Reasonable cause"),
        ],
        required=False,
    )
    facts = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Reasonable-cause facts"
    )
    # payment plan
    plan = forms.ChoiceField(
        choices=[
            (PlanKind.SHORT_TERM.value, "Short-term (up to 180 days)"),
            (PlanKind.INSTALLMENT_AGREEMENT.value, "Installment agreement"),
        ],
        required=False,
    )
    monthly_amount = forms.DecimalField(required=False, max_digits=12, decimal_places=2)
    payment_day = forms.IntegerField(required=False, min_value=1, max_value=28)
    # CP2000
    position = forms.ChoiceField(
        choices=[(p.value, p.value.title()) for p in Cp2000Position], required=False
    )
    items = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line: item: explanation",
    )
    # client letter
    findings_summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    recommended_action = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, enclosure_choices=(), signer_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enclosures"].choices = [(c.ref, c.label) for c in enclosure_choices]
        if signer_choices is None:
            from accounts.models import User

            signer_choices = User.objects.none()
        self.fields["signer"].queryset = signer_choices

    def clean(self):
        data = super().clean()
        if data.get("kind") == "dispute_paid":
            missing = [n for n in ("issue", "paid_on", "paid_amount", "method") if not data.get(n)]
            if missing:
                raise forms.ValidationError(
                    "A dispute letter needs the payment: " + ", ".join(missing) + "."
                )
            if not data.get("enclosures"):
                raise forms.ValidationError("Tick the proof to enclose with a dispute letter.")
        return data


class EditParagraphsForm(forms.Form):
    """One textarea per paragraph of the version (empty removes the paragraph)."""

    def __init__(self, *args, paragraphs=(), **kwargs):
        super().__init__(*args, **kwargs)
        for p in paragraphs:
            self.fields[f"p_{p['key']}"] = forms.CharField(
                label=p.get("heading") or p["key"].replace("_", " ").capitalize(),
                initial=p["text"],
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def overrides(self) -> dict[str, str]:
        return {name[2:]: value for name, value in self.cleaned_data.items()}


class MarkSentForm(forms.Form):
    method = forms.ChoiceField(choices=Dispatch.Method.choices)
    tracking_number = forms.CharField(
        required=False, max_length=40, label="Certified mail tracking number"
    )
    sent_on = forms.DateField(label="Sent on (YYYY-MM-DD)")
