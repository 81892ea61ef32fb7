"""Transaction codes (TRANSCRIPTS.md section 2): what each means and how reconciliation uses it.

`kind` groups codes by what they do to the account:
  tax        assessment of tax (+) or its abatement (-)
  credit     withholding, refundable credits (count as paid on the due date)
  payment    dated payments and credits moved in (-)
  refund     money leaving the module: refunds, offsets, transfers out (+)
  penalty    penalty assessed (+) or abated (-); `penalty` names which
  interest   interest assessed (+) or abated (-)
  status     $0 status and freeze codes (notices, holds, exams, agreements)
Codes marked `confirmed=False` are UNC in the brief: meaning from secondary sources only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TransactionCode:
    code: str
    meaning: str
    kind: str
    penalty: str = ""  # ftf, ftp, es for penalty codes
    reverses: tuple[str, ...] = ()  # codes this one reverses (abatements, releases)
    freeze: str = ""  # what a status code means for the advice
    confirmed: bool = True


def _c(code, meaning, kind, **kw) -> tuple[str, TransactionCode]:
    return code, TransactionCode(code, meaning, kind, **kw)


CODES: dict[str, TransactionCode] = dict(
    [
        _c("150", "Return filed and tax assessed", "tax"),
        _c("290", "Additional tax assessed", "tax"),
        _c("291", "Abatement of prior tax assessment", "tax", reverses=("290", "150")),
        _c("300", "Additional tax assessed by examination", "tax", confirmed=False),
        _c("301", "Abatement of tax by examination", "tax", reverses=("300",), confirmed=False),
        _c("806", "Credit for withheld taxes and excess FICA", "credit"),
        _c("807", "Withholding credit reversed", "credit", reverses=("806",), confirmed=False),
        _c("766", "Refundable credit allowance", "credit"),
        _c("767", "Refundable credit reversed", "credit", reverses=("766",)),
        _c("768", "Earned income credit", "credit"),
        _c("610", "Payment with return", "payment"),
        _c(
            "611",
            "Payment with return returned (dishonored)",
            "payment",
            reverses=("610",),
            confirmed=False,
        ),
        _c("612", "Payment with return reversed", "payment", reverses=("610",), confirmed=False),
        _c("640", "Advance payment", "payment", confirmed=False),
        _c("650", "Federal tax deposit", "payment", confirmed=False),
        _c("660", "Estimated tax payment", "payment", confirmed=False),
        _c("670", "Subsequent payment", "payment"),
        _c(
            "671",
            "Subsequent payment returned (dishonored)",
            "payment",
            reverses=("670",),
            confirmed=False,
        ),
        _c("672", "Subsequent payment reversed", "payment", reverses=("670",), confirmed=False),
        _c("700", "Credit transferred in (applied)", "payment"),
        _c("701", "Credit transfer in reversed", "payment", reverses=("700",), confirmed=False),
        _c("702", "Credit transfer in reversed", "payment", reverses=("700",), confirmed=False),
        _c("706", "Credit transferred in from another period", "payment", confirmed=False),
        _c("710", "Overpayment credit from a prior period applied", "payment", confirmed=False),
        _c("716", "Overpayment credit from a prior period applied", "payment", confirmed=False),
        _c("826", "Overpayment transferred out to another period", "refund"),
        _c("836", "Overpayment transferred out to the next period", "refund", confirmed=False),
        _c("846", "Refund issued", "refund"),
        _c("898", "Refund applied to a non-IRS debt (offset)", "refund"),
        _c("160", "Failure-to-file penalty (manual)", "penalty", penalty="ftf"),
        _c("166", "Failure-to-file penalty", "penalty", penalty="ftf"),
        _c(
            "161",
            "Failure-to-file penalty abated",
            "penalty",
            penalty="ftf",
            reverses=("160", "166"),
        ),
        _c("170", "Estimated tax penalty (manual)", "penalty", penalty="es"),
        _c("176", "Estimated tax penalty", "penalty", penalty="es"),
        _c(
            "171",
            "Estimated tax penalty abated",
            "penalty",
            penalty="es",
            reverses=("170", "176"),
            confirmed=False,
        ),
        _c(
            "177",
            "Estimated tax penalty abated",
            "penalty",
            penalty="es",
            reverses=("170", "176"),
            confirmed=False,
        ),
        _c("270", "Failure-to-pay penalty (manual)", "penalty", penalty="ftp"),
        _c("276", "Failure-to-pay penalty", "penalty", penalty="ftp"),
        _c(
            "271",
            "Failure-to-pay penalty abated",
            "penalty",
            penalty="ftp",
            reverses=("270", "276"),
            confirmed=False,
        ),
        _c(
            "277",
            "Failure-to-pay penalty abated",
            "penalty",
            penalty="ftp",
            reverses=("270", "276"),
            confirmed=False,
        ),
        _c("196", "Interest charged", "interest"),
        _c("336", "Interest charged", "interest", confirmed=False),
        _c("197", "Interest abated", "interest", reverses=("196",), confirmed=False),
        _c("337", "Interest abated", "interest", reverses=("336",), confirmed=False),
        _c("420", "Examination of the return", "status", freeze="exam"),
        _c("424", "Examination requested", "status", freeze="exam"),
        _c("421", "Examination closed", "status", reverses=("420", "424"), confirmed=False),
        _c("460", "Extension of time to file", "status"),
        _c("480", "Offer in compromise pending", "status", freeze="offer_in_compromise"),
        _c("481", "Offer in compromise rejected", "status", reverses=("480",), confirmed=False),
        _c("482", "Offer in compromise withdrawn", "status", reverses=("480",)),
        _c("520", "Litigation or bankruptcy freeze", "status", freeze="bankruptcy_or_litigation"),
        _c("521", "Litigation or bankruptcy freeze released", "status", reverses=("520",)),
        _c(
            "522",
            "Litigation or bankruptcy freeze reversed",
            "status",
            reverses=("520",),
            confirmed=False,
        ),
        _c("530", "Currently not collectible", "status", freeze="not_collectible"),
        _c(
            "570",
            "Additional liability pending or credit hold",
            "status",
            freeze="liability_pending",
        ),
        _c("571", "Hold released", "status", reverses=("570",)),
        _c("572", "Hold released", "status", reverses=("570",)),
        _c("582", "Federal tax lien filed", "status", freeze="lien"),
        _c("583", "Federal tax lien released", "status", reverses=("582",), confirmed=False),
        _c("922", "Underreporter review", "status", freeze="underreporter"),
        _c("971", "Notice issued or other action", "status"),
        _c("972", "Action reversed", "status", reverses=("971",), confirmed=False),
        _c("976", "Duplicate return filed", "status"),
        _c("977", "Amended return filed", "status"),
    ]
)


def code_info(code: str) -> TransactionCode | None:
    return CODES.get(code)
