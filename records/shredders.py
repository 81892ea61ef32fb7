"""Retention's shredder for payment proofs: the document goes, the payment row stays."""

from audit.retention import Matter, Shredded, Shredder, files_of
from notices.models import Notice
from records.models import Payment


class PaymentProofShredder(Shredder):
    """A proof belongs to the household's notices of its tax year: it is disposed of with
    the last of them (after the notice shredder ran). The payment row is the practice's
    record of the payment and stays, without the document."""

    data_type = "payment_proofs"

    def shred(self, matter: Matter, *, operator: str) -> Shredded:
        done = Shredded()
        years = {n.tax_year for n in matter.notices if n.tax_year}
        for year in sorted(years):
            if Notice.objects.filter(client=matter.household, tax_year=year).exists():
                continue  # another notice of that year still needs the proof
            for payment in Payment.objects.filter(
                client=matter.household, tax_year=year
            ).exclude(proof=""):
                done.files.extend(files_of(payment))
                self.audit(
                    matter.household,
                    operator=operator,
                    payment=str(payment.public_id),
                    tax_year=year,
                    files=1,
                )
                Payment.objects.filter(pk=payment.pk).update(
                    proof="", proof_kind="", proof_name="", proof_type="", proof_size=0
                )
                done.rows += 1
        return done
