"""The IRS account transcript as reconciliation input, and the findings read from it.

Plain Python. A `TranscriptModule` is one transcript (form, tax period, TIN); its `entries`
are the TRANSACTIONS lines. Findings cite the lines they rest on in the words a letter can use
("payment of $3,500.00 on 04-15-2024, posted to XXX-XX-5678, tax period 2023"), and every line
of the notice's own module is accounted for in the ledger: matched (to a payment on file),
explained (by its transaction code) or unmatched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from common.businessdays import next_business_day
from records.engine import BalanceInputs, RateTable, balance_at
from records.engine.parameters import PenaltyParameters
from records.reconciliation.inputs import (
    ZERO,
    Payment,
    ReconciliationInputs,
    TranscriptEntry,
    TranscriptModule,
)
from transcripts.reading.codes import CODES

INFO, WARNING, ACTION = "info", "warning", "action"

TRANSCRIPT_MISSING = "transcript_missing"
BALANCE_AGREES = "transcript_balance_agrees"
BALANCE_DIFFERS = "transcript_balance_differs"
PAYMENT_FOUND = "transcript_payment_found"
PAYMENT_POSTED_AFTER_NOTICE = "transcript_payment_posted_after_notice"
PAYMENT_PENDING = "transcript_payment_pending"
PAYMENT_OTHER_PERIOD = "transcript_payment_other_period"
PAYMENT_SPOUSE_MODULE = "transcript_payment_spouse_module"
PAYMENT_NOT_FOUND = "transcript_payment_not_found"
PENALTIES_ASSESSED = "transcript_penalties_assessed"
FTA_CLEAN = "transcript_first_time_abate"
FTA_RULED_OUT = "transcript_first_time_abate_ruled_out"
FTA_UNCHECKED = "transcript_first_time_abate_unchecked"
NOTICE_SATISFIED = "transcript_notice_satisfied"
FREEZE = "transcript_freeze"

PAYMENT_CODES = {"610", "640", "650", "660", "670", "700", "706", "710", "716"}
MATCH_DAYS = 3  # a payment's transcript date is its received date: allow mail/settlement days

FREEZE_ADVICE = {
    "bankruptcy": (
        ACTION,
        "A bankruptcy freeze (TC 520) is on the account: collection is stayed. Do not pay or "
        "negotiate the notice without the client's bankruptcy counsel.",
    ),
    "litigation": (
        ACTION,
        "A litigation freeze (TC 520) is on the account: check the case before acting on the "
        "notice.",
    ),
    "collection_due_process": (
        ACTION,
        "A collection due process hearing is on file: levy is suspended while it is pending; "
        "act through the hearing, not a new dispute letter.",
    ),
    "installment_agreement": (
        WARNING,
        "An installment agreement is on the account: keep its payments current; a new plan "
        "request is not needed, and the failure-to-pay rate is 0.25% a month while it lasts.",
    ),
    "liability_pending": (
        WARNING,
        "An additional liability is pending (TC 570 hold): expect an adjustment notice; the "
        "balance may change before it is final.",
    ),
    "offer_in_compromise": (
        WARNING,
        "An offer in compromise is pending (TC 480): collection is generally held while it is "
        "considered.",
    ),
    "not_collectible": (WARNING, "The account is in currently-not-collectible status (TC 530)."),
    "lien": (WARNING, "A federal tax lien has been filed (TC 582)."),
    "exam": (WARNING, "The return is under examination (TC 420/424): wait for its result."),
    "underreporter": (
        WARNING,
        "An underreporter review is open (TC 922): a CP2000 proposal may follow.",
    ),
}


@dataclass
class LedgerLine:
    """One line of the notice's module with how reconciliation accounted for it."""

    index: int
    code: str
    explanation: str
    cycle: str | None
    date: str | None
    amount: str
    pending: bool
    status: str  # matched | explained | unmatched
    note: str


@dataclass
class TranscriptAnalysis:
    findings: list = field(default_factory=list)
    ledger: list[LedgerLine] = field(default_factory=list)
    module: TranscriptModule | None = None
    paid_after_notice: Decimal = ZERO
    ruled_out_fta: bool = False
    summary: dict | None = None


def money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def cite(module: TranscriptModule, entry: TranscriptEntry) -> str:
    """The words a letter uses for one transcript line."""
    when = entry.date.strftime("%m-%d-%Y") if entry.date else "an undated day"
    info = CODES.get(entry.code)
    if info is not None and info.kind == "payment":
        what = f"payment of {money(-entry.amount)}"
    else:
        what = f"{entry.explanation or entry.code} of {money(entry.amount)}"
    pending = " (pending)" if entry.pending else ""
    return (
        f"{what} on {when}, posted to {module.tin}, tax period {module.tax_year} "
        f"(TC {entry.code}{', cycle ' + entry.cycle if entry.cycle else ''}){pending}"
    )


def _form(text: str) -> str:
    key = (text or "").upper().replace("FORM", "").replace(" ", "")
    return key or "1040"


def _is_payment(entry: TranscriptEntry) -> bool:
    return entry.code in PAYMENT_CODES and entry.amount < 0


def _cycle_week(cycle: str | None) -> tuple[int, int] | None:
    if not cycle or len(cycle) != 8 or not cycle.isdigit():
        return None
    return int(cycle[:4]), int(cycle[4:6])


def _unreversed(entries, kind_filter) -> list[TranscriptEntry]:
    """Entries passing `kind_filter` whose amount is not cancelled by a reversing code."""
    kept = [e for e in entries if kind_filter(e) and e.amount > 0]
    reversals = [e for e in entries if CODES.get(e.code) and CODES[e.code].reverses]
    for r in reversals:
        info = CODES[r.code]
        for e in kept:
            if e.code in info.reverses and abs(e.amount + r.amount) <= Decimal("0.01"):
                kept.remove(e)
                break
    return kept


def _net_penalties(module: TranscriptModule, kinds: tuple[str, ...]) -> Decimal:
    total = ZERO
    for e in module.entries:
        info = CODES.get(e.code)
        if info is not None and info.kind == "penalty" and info.penalty in kinds and not e.pending:
            total += e.amount
    return total


def _notice_module(rin: ReconciliationInputs) -> TranscriptModule | None:
    notice = rin.notice
    primary = rin.household.primary_ssn_last4
    candidates = [
        m
        for m in rin.transcripts
        if m.tax_year == notice.tax_year and _form(m.form) == _form(notice.tax_form)
    ]
    if not candidates:
        return None
    for m in candidates:
        if primary and m.tin_last4 == primary:
            return m
    with_spouse = [m for m in candidates if m.spouse_tin_last4]
    return (with_spouse or candidates)[0]


def analyse_transcripts(
    rin: ReconciliationInputs,
    payments: list[Payment],
    *,
    rates: RateTable,
    params: PenaltyParameters,
    tolerance: Decimal,
    lookback_years: int,
) -> TranscriptAnalysis:
    """Transcript findings for one notice; empty when no transcript is on file."""
    from records.reconciliation.findings import Finding

    out = TranscriptAnalysis()
    if not rin.transcripts:
        return out
    notice = rin.notice
    module = _notice_module(rin)
    out.module = module
    if module is None:
        out.findings.append(
            Finding(
                TRANSCRIPT_MISSING,
                "Transcripts are on file, but none for this notice's tax year and form: upload "
                f"the {notice.tax_year} Form {notice.tax_form} account transcript.",
                [f"transcripts on file: {_list_modules(rin.transcripts)}"],
                ZERO,
                INFO,
            )
        )
        return out
    status: dict[int, tuple[str, str]] = {}

    # 1. Each client-recorded payment: found here, elsewhere, on the spouse's module, or not.
    used: set[tuple[int, int]] = set()
    modules = list(rin.transcripts)
    home = modules.index(module)
    for p in payments:
        where = _match(p, modules, home, used)
        if where is None:
            late = module.response_date is not None and p.date >= module.response_date - timedelta(
                days=14
            )
            out.findings.append(
                Finding(
                    PAYMENT_NOT_FOUND,
                    (
                        "The payment is on none of the transcripts on file. It was made close "
                        "to or after the day the transcript was pulled: pull it again before "
                        "disputing."
                        if late
                        else "The payment is on none of the transcripts on file: the IRS never "
                        "received or never posted it. Trace it with the bank before disputing."
                    ),
                    [p.label(), f"searched {_list_modules(rin.transcripts)}"],
                    ZERO if late else -p.amount,
                    INFO if late else ACTION,
                    (p,),
                )
            )
            continue
        m_index, e_index = where
        found_in, entry = modules[m_index], modules[m_index].entries[e_index]
        line = cite(found_in, entry)
        if m_index == home:
            status[e_index] = ("matched", f"client payment {p.label()}")
            posted_after = False
            week = _cycle_week(entry.cycle)
            if week is not None and p.date <= notice.notice_date:
                iso = notice.notice_date.isocalendar()
                posted_after = week > (iso[0], iso[1])
            if entry.pending:
                out.findings.append(
                    Finding(
                        PAYMENT_PENDING,
                        "The payment is on the transcript as pending: received, not yet "
                        "posted. It will reduce the balance when it posts.",
                        [p.label(), line],
                        -p.amount if p.date <= notice.notice_date else ZERO,
                        INFO,
                        (p,),
                        citations=(line,),
                    )
                )
            elif posted_after:
                out.findings.append(
                    Finding(
                        PAYMENT_POSTED_AFTER_NOTICE,
                        "The payment was made before the notice but posted after it (its "
                        "cycle is later than the notice date): the notice predates the "
                        "posting; penalty and interest re-compute once it is applied.",
                        [p.label(), line, f"notice date {notice.notice_date.isoformat()}"],
                        -p.amount,
                        INFO,
                        (p,),
                        citations=(line,),
                    )
                )
            else:
                out.findings.append(
                    Finding(
                        PAYMENT_FOUND,
                        "The IRS has the payment on this account.",
                        [p.label(), line],
                        ZERO,
                        INFO,
                        (p,),
                        citations=(line,),
                    )
                )
        elif found_in.tin_last4 != module.tin_last4:
            out.findings.append(
                Finding(
                    PAYMENT_SPOUSE_MODULE,
                    "The payment posted to the other spouse's own account, not to the joint "
                    "account the notice is for. Ask the IRS to transfer it, with its date and "
                    "amount (IRM 21.5.9).",
                    [p.label(), line, f"notice is for {module.tin}, tax period {module.tax_year}"],
                    -p.amount,
                    ACTION,
                    (p,),
                    citations=(line,),
                )
            )
        else:
            out.findings.append(
                Finding(
                    PAYMENT_OTHER_PERIOD,
                    "The payment posted to another tax period or form of the same taxpayer. "
                    "Ask the IRS to move it to the period on the notice.",
                    [
                        p.label(),
                        line,
                        f"notice is for tax period {module.tax_year} Form {module.form}",
                    ],
                    -p.amount,
                    ACTION,
                    (p,),
                    citations=(line,),
                )
            )

    # 2. The notice's amount against the ledger at the notice date, projected by the engine.
    out.findings.extend(
        _balance_finding(rin, module, rates=rates, params=params, tolerance=tolerance)
    )

    # 3. Penalties assessed, and First-Time Abate from the prior three years' transcripts.
    out.findings.extend(_penalty_findings(rin, module, lookback_years, out))

    # 4. A notice already satisfied by later payments on the ledger.
    after = [
        (i, e)
        for i, e in enumerate(module.entries)
        if _is_payment(e) and e.date is not None and e.date > notice.notice_date
    ]
    paid_after = sum((-e.amount for _, e in after), ZERO)
    out.paid_after_notice = paid_after
    if after and paid_after >= notice.amount_due - tolerance:
        lines = [cite(module, e) for _, e in after]
        out.findings.append(
            Finding(
                NOTICE_SATISFIED,
                "Payments dated after the notice already cover the amount it asked for; "
                "nothing more is due on it (interest after the notice aside).",
                [f"amount due {money(notice.amount_due)}", *lines],
                -min(paid_after, notice.amount_due),
                INFO,
                citations=tuple(lines),
            )
        )

    # 5. Freezes and holds that change the advice.
    out.findings.extend(_freeze_findings(module))

    out.ledger = _ledger(module, status)
    out.summary = {
        "form": module.form,
        "tax_year": module.tax_year,
        "tin": module.tin,
        "account_balance": None
        if module.account_balance is None
        else f"{module.account_balance:.2f}",
        "accrued_interest": None
        if module.accrued_interest is None
        else f"{module.accrued_interest:.2f}",
        "accruals_as_of": module.accruals_as_of.isoformat() if module.accruals_as_of else None,
    }
    return out


def _list_modules(modules) -> str:
    return ", ".join(f"{m.form} {m.tax_year} {m.tin}" for m in modules) or "none"


def _match(p: Payment, modules, home: int, used: set) -> tuple[int, int] | None:
    """The transcript line for a payment: same amount, date within MATCH_DAYS; home first."""
    order = [home] + [i for i in range(len(modules)) if i != home]
    for exact in (True, False):
        for m_index in order:
            for e_index, e in enumerate(modules[m_index].entries):
                if (m_index, e_index) in used or not _is_payment(e) or e.date is None:
                    continue
                if abs(-e.amount - p.amount) > Decimal("0.005"):
                    continue
                gap = abs((e.date - p.date).days)
                if (exact and gap == 0) or (not exact and gap <= MATCH_DAYS):
                    used.add((m_index, e_index))
                    return m_index, e_index
    return None


def _due_date(rin: ReconciliationInputs, module: TranscriptModule) -> date:
    if rin.tax_return is not None:
        return rin.tax_return.original_due_date
    return next_business_day(date(module.tax_year + 1, 4, 15))


def _balance_finding(rin, module, *, rates, params, tolerance):
    from records.reconciliation.findings import Finding

    notice = rin.notice
    due = _due_date(rin, module)
    settled = [e for e in module.entries if not e.pending and e.date is not None]
    at_notice = [e for e in settled if e.date <= notice.notice_date]
    assessed = sum((e.amount for e in at_notice), ZERO)
    tax = ZERO
    payments: list[tuple[date, Decimal]] = []
    for e in at_notice:
        info = CODES.get(e.code)
        kind = info.kind if info else "other"
        if kind in ("penalty", "interest", "status"):
            continue  # the engine recomputes penalties and interest itself
        if kind in ("tax", "credit", "refund") or e.date <= due:
            tax += e.amount
        elif e.amount < 0:
            payments.append((e.date, -e.amount))
        else:
            tax += e.amount
    filed = rin.tax_return.date_filed if rin.tax_return is not None else None
    ext = rin.tax_return.extended_due_date if rin.tax_return is not None else None
    try:
        projection = balance_at(
            BalanceInputs(
                tax=max(tax, ZERO),
                due_date=due,
                as_of=max(notice.notice_date, due),
                filed_date=filed,
                extended_due_date=ext,
                payments=tuple(sorted(payments)),
            ),
            rates=rates,
            params=params,
        )
    except ValueError as exc:
        return [
            Finding(
                BALANCE_DIFFERS,
                f"The ledger could not be projected to the notice date ({exc}).",
                [f"ledger balance at the notice date {money(assessed)}"],
                ZERO,
                WARNING,
            )
        ]
    projected = projection.total - projection.credit
    evidence = [
        f"notice amount due {money(notice.amount_due)} on {notice.notice_date.isoformat()}",
        f"ledger: {len(at_notice)} line(s) dated on or before the notice sum to "
        f"{money(assessed)} (tax, credits, payments and assessed penalty and interest)",
        f"engine from the ledger's tax and payments, to the notice date: {money(projected)} "
        f"(failure-to-file {projection.failure_to_file_penalty}, failure-to-pay "
        f"{projection.failure_to_pay_penalty}, interest {projection.interest})"
        + (" (estimated rates)" if projection.estimated else ""),
    ]
    allowed = max(
        tolerance, Decimal("0.02") * (projection.interest + projection.failure_to_pay_penalty)
    )
    allowed = max(allowed, Decimal("1.00"))
    if (
        abs(projected - notice.amount_due) <= allowed
        or abs(assessed - notice.amount_due) <= tolerance
    ):
        return [
            Finding(
                BALANCE_AGREES,
                "The notice's amount agrees with the IRS's own ledger at the notice date.",
                evidence,
                ZERO,
                INFO,
            )
        ]
    return [
        Finding(
            BALANCE_DIFFERS,
            "The notice's amount does not agree with the IRS's own ledger projected to the "
            "notice date: a payment, credit or assessment differs between them.",
            [*evidence, f"difference {money(projected - notice.amount_due)}"],
            projected - notice.amount_due,
            WARNING,
        )
    ]


def _penalty_findings(rin, module, lookback_years: int, out: TranscriptAnalysis):
    from records.reconciliation.findings import Finding

    findings = []
    penalties = _unreversed(
        module.entries,
        lambda e: CODES.get(e.code) is not None and CODES[e.code].kind == "penalty",
    )
    if not penalties:
        return findings
    lines = [cite(module, e) for e in penalties]
    findings.append(
        Finding(
            PENALTIES_ASSESSED,
            "Penalties assessed on this account, from the transcript.",
            lines,
            ZERO,
            INFO,
            citations=tuple(lines),
        )
    )
    fta_amount = _net_penalties(module, ("ftf", "ftp"))
    if fta_amount <= 0:
        return findings
    years = range(module.tax_year - lookback_years, module.tax_year)
    prior = {
        m.tax_year: m
        for m in rin.transcripts
        if m.tax_year in years
        and _form(m.form) == _form(module.form)
        and m.tin_last4 == module.tin_last4
    }
    dirty = []
    for year in years:
        m = prior.get(year)
        if m is None:
            continue
        for e in _unreversed(
            m.entries,
            lambda e: (
                CODES.get(e.code) is not None
                and CODES[e.code].kind == "penalty"
                and CODES[e.code].penalty in ("ftf", "ftp")
            ),
        ):
            dirty.append(cite(m, e))
    if dirty:
        out.ruled_out_fta = True
        findings.append(
            Finding(
                FTA_RULED_OUT,
                "First-Time Abate is ruled out: the transcripts show a penalty in the three "
                "prior years. Reasonable cause is the remaining route.",
                dirty,
                ZERO,
                INFO,
                citations=tuple(dirty),
            )
        )
        return findings
    missing = [y for y in years if y not in prior]
    if missing:
        findings.append(
            Finding(
                FTA_UNCHECKED,
                "First-Time Abate cannot be confirmed from the transcripts: upload the "
                f"account transcripts for {', '.join(map(str, missing))} (same form and TIN).",
                [f"on file for the look-back: {sorted(prior) or 'none'}"],
                ZERO,
                INFO,
            )
        )
        return findings
    clean = [f"tax period {y}: no failure-to-file or failure-to-pay penalty" for y in years]
    findings.append(
        Finding(
            FTA_CLEAN,
            "First-Time Abate applies on the transcripts: no penalty in the three prior years "
            f"({years.start}-{years.stop - 1}) on {module.tin}. Ask to abate the failure-to-file "
            "and failure-to-pay penalties (and their interest).",
            [*clean, *lines],
            -fta_amount,
            ACTION,
            citations=tuple(lines),
        )
    )
    return findings


def _freeze_kind(entry: TranscriptEntry) -> str:
    info = CODES.get(entry.code)
    text = entry.explanation.lower()
    if entry.code in ("971", "520") and ("collection due process" in text or "cdp" in text.split()):
        return "collection_due_process"
    if entry.code == "971":
        if "installment" in text or "043" in text or "063" in text:
            return "installment_agreement"
        return ""
    if entry.code == "520":
        return "bankruptcy" if "bankrupt" in text else "litigation"
    if info is None or not info.freeze:
        return ""
    return {"bankruptcy_or_litigation": "litigation"}.get(info.freeze, info.freeze)


def _freeze_findings(module: TranscriptModule):
    from records.reconciliation.findings import Finding

    findings = []
    seen: set[str] = set()
    for e in module.entries:
        kind = _freeze_kind(e)
        if not kind or kind in seen or _released(module, e):
            continue
        seen.add(kind)
        severity, advice = FREEZE_ADVICE[kind]
        line = cite(module, e)
        findings.append(
            Finding(FREEZE + ":" + kind, advice, [line], ZERO, severity, citations=(line,))
        )
    return findings


def _released(module: TranscriptModule, entry: TranscriptEntry) -> bool:
    """A later reversing code (521 after 520, 571/572 after 570, 482 after 480 ...)."""
    after = False
    for e in module.entries:
        if e is entry:
            after = True
            continue
        info = CODES.get(e.code)
        if after and info is not None and entry.code in info.reverses and entry.code != "971":
            return True
    return False


def _ledger(module: TranscriptModule, status: dict[int, tuple[str, str]]) -> list[LedgerLine]:
    lines = []
    for i, e in enumerate(module.entries):
        if i in status:
            state, note = status[i]
        else:
            info = CODES.get(e.code)
            if info is None:
                state, note = "unmatched", f"transaction code {e.code} is not in the code table"
            elif _is_payment(e):
                state, note = "unmatched", "a payment the household has not recorded"
            else:
                state, note = "explained", info.meaning
        lines.append(
            LedgerLine(
                i,
                e.code,
                e.explanation,
                e.cycle,
                e.date.isoformat() if e.date else None,
                f"{e.amount:.2f}",
                e.pending,
                state,
                note,
            )
        )
    return lines
