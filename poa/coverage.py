"""Does a power of attorney on file let the practice act for a taxpayer on this matter?

Plain Python (no Django): the gate on letters, the queue's "no coverage" column and the
staff tasks all ask this one module, so they never disagree.

The rules (shared/TRANSCRIPTS.md, section 4):
- Only a Form 2848 lets a representative act (speak, write, sign) for a taxpayer. A Form
  8821 lets the designee see and receive information, nothing more.
- A 2848 counts once the IRS has it on file (the date received). Signed but not yet
  received is not enough.
- Line 3 lists the type of tax, the form number and specific periods ("all years" is
  refused). Future periods count only when they end no later than three years after the
  date the IRS received the form.
- Joint filers each need their own 2848.
- A 2848 stops counting when the taxpayer revokes it or the representative withdraws, and
  a newer 2848 for the same matters revokes the older one unless the newer one kept prior
  authorizations in effect (line 6, with a copy attached).
- For a letter, the representative named on the covering 2848 must be the person who signs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "FUTURE_PERIOD_YEARS",
    "Authorization",
    "Coverage",
    "Matter",
    "PoaForm",
    "Representative",
    "TaskDue",
    "TaxpayerRole",
    "coverage",
    "coverage_horizon",
    "future_period_limit",
    "last_coverable_year",
    "normalize_form",
    "tasks_due",
    "validate_authorization",
]

FUTURE_PERIOD_YEARS = 3
EARLIEST_YEAR = 1950


class PoaForm(StrEnum):
    F2848 = "2848"  # Power of Attorney and Declaration of Representative
    F8821 = "8821"  # Tax Information Authorization


class TaxpayerRole(StrEnum):
    PRIMARY = "primary"
    SPOUSE = "spouse"


@dataclass(frozen=True)
class Representative:
    id: int
    name: str


@dataclass(frozen=True)
class Matter:
    """One row of line 3: type of tax, form number, and the years it covers (inclusive)."""

    tax_type: str
    form: str
    first_year: int
    last_year: int

    def lists(self, form: str, year: int) -> bool:
        return (
            normalize_form(self.form) == normalize_form(form)
            and self.first_year <= year <= self.last_year
        )

    @property
    def label(self) -> str:
        years = (
            str(self.first_year)
            if self.first_year == self.last_year
            else f"{self.first_year} through {self.last_year}"
        )
        return f"{self.tax_type}, Form {normalize_form(self.form)}, {years}".lstrip(", ")


@dataclass(frozen=True)
class Authorization:
    """One signed form on file for one taxpayer of the household."""

    id: int
    form: PoaForm
    taxpayer: TaxpayerRole
    matters: tuple[Matter, ...]
    representatives: tuple[Representative, ...] = ()
    signed_on: date | None = None
    received_on: date | None = None
    revoked_on: date | None = None
    withdrawn_on: date | None = None
    retains_prior: bool = False

    @property
    def label(self) -> str:
        when = (
            f"received by the IRS on {_say(self.received_on)}"
            if self.received_on
            else "not yet received by the IRS"
        )
        return f"Form {self.form.value} ({when})"


@dataclass(frozen=True)
class Coverage:
    """The answer for one matter: covered or not, by which forms, and why not."""

    covered: bool
    covering: tuple[int, ...] = ()  # authorization ids, one per taxpayer who needs one
    reasons: tuple[str, ...] = ()  # plain English, for the partner; empty when covered
    notes: tuple[str, ...] = field(default=())  # what covers it, for the case page

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


# ---------------------------------------------------------------------------- helpers


_FORM_PREFIX = re.compile(r"^\s*(?:irs\s+)?form\s*", re.IGNORECASE)


def normalize_form(form: str) -> str:
    """'Form 1040' -> '1040'; '1040 sr' -> '1040-SR'; case and spacing never matter."""
    text = _FORM_PREFIX.sub("", form or "").strip().upper()
    return re.sub(r"[\s\-]+", "-", text)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # February 29 -> February 28
        return day.replace(year=day.year + years, day=28)


def future_period_limit(received_on: date) -> date:
    """The last day a listed period may end on: three years after the IRS received the form."""
    return _add_years(received_on, FUTURE_PERIOD_YEARS)


def last_coverable_year(received_on: date) -> int:
    """The last calendar tax year whose period (ending December 31) is inside the limit."""
    limit = future_period_limit(received_on)
    return limit.year if (limit.month, limit.day) == (12, 31) else limit.year - 1


def _say(day: date | None) -> str:
    return "—" if day is None else f"{day:%B} {day.day}, {day.year}"


def _names(reps: Iterable[Representative]) -> str:
    names = [r.name for r in reps]
    if not names:
        return "no representative"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- coverage


def _superseded_by(
    auth: Authorization, others: Sequence[Authorization], form: str, year: int, as_of: date
) -> Authorization | None:
    """A later form of the same kind, for the same taxpayer and matter, that did not keep
    this one in effect (it revokes it for that matter)."""
    if auth.received_on is None:
        return None
    for other in others:
        if (
            other.id != auth.id
            and other.form == auth.form
            and other.taxpayer == auth.taxpayer
            and other.received_on is not None
            and other.received_on <= as_of
            and (other.received_on, other.id) > (auth.received_on, auth.id)
            and not other.retains_prior
            and any(m.lists(form, year) for m in other.matters)
        ):
            return other
    return None


def _why_not(
    auth: Authorization,
    *,
    same_taxpayer: Sequence[Authorization],
    form: str,
    year: int,
    as_of: date,
    signer: Representative | None,
) -> str | None:
    """None when the form lets its representative act on the matter; else the reason."""
    what = f"Form {normalize_form(form)} for {year}"
    if auth.form is PoaForm.F8821:
        return (
            f"The {auth.label} is a tax information authorization: it lets the practice see "
            "information, not represent. A Form 2848 is needed."
        )
    if auth.received_on is None or auth.received_on > as_of:
        return f"The Form 2848 is not on file yet: the IRS has not received it ({what})."
    if auth.revoked_on is not None and auth.revoked_on <= as_of:
        return f"The {auth.label} was revoked on {_say(auth.revoked_on)}."
    if auth.withdrawn_on is not None and auth.withdrawn_on <= as_of:
        return f"The representative withdrew from the {auth.label} on {_say(auth.withdrawn_on)}."
    listing = [m for m in auth.matters if normalize_form(m.form) == normalize_form(form)]
    if not listing:
        listed = "; ".join(m.label for m in auth.matters) or "no matters"
        return f"The {auth.label} does not list Form {normalize_form(form)} (it lists {listed})."
    if not any(m.first_year <= year <= m.last_year for m in listing):
        listed = "; ".join(m.label for m in listing)
        return f"The {auth.label} covers {listed}, not {year}."
    if year > last_coverable_year(auth.received_on):
        return (
            f"{year} is a future period that ends more than three years after the IRS received "
            f"the {auth.label} (periods must end by {_say(future_period_limit(auth.received_on))})."
        )
    newer = _superseded_by(auth, same_taxpayer, form, year, as_of)
    if newer is not None:
        return (
            f"The {auth.label} was replaced for {what} by the {newer.label}, which did not keep "
            "earlier authorizations in effect."
        )
    if signer is not None and all(r.id != signer.id for r in auth.representatives):
        return (
            f"The {auth.label} names {_names(auth.representatives)}, not {signer.name}, who "
            "signs the letter."
        )
    return None


def coverage(
    authorizations: Iterable[Authorization],
    *,
    form: str,
    year: int,
    taxpayers: Mapping[TaxpayerRole, str],
    as_of: date,
    signer: Representative | None = None,
) -> Coverage:
    """Whether the forms on file let the practice act on ``form`` for tax ``year``.

    ``taxpayers`` maps each taxpayer who must be represented to their name (both spouses
    on a joint return: each needs their own 2848). With a ``signer``, the covering 2848 must
    name that person as a representative; without one, any representative will do (the
    queue's question: can anybody at the practice act on this case?).
    """
    auths = list(authorizations)
    if not form.strip():
        return Coverage(False, reasons=("The case has no tax form yet, so coverage is unknown.",))
    covering: list[int] = []
    reasons: list[str] = []
    notes: list[str] = []
    for role, name in taxpayers.items():
        mine = sorted(
            (a for a in auths if a.taxpayer == role),
            key=lambda a: (a.received_on or date.min, a.id),
            reverse=True,
        )
        if not mine:
            reasons.append(
                f"No power of attorney is on file for {name} (Form {normalize_form(form)}, "
                f"{year}). Ask {name} to sign a Form 2848."
            )
            continue
        why = {
            a.id: _why_not(a, same_taxpayer=mine, form=form, year=year, as_of=as_of, signer=signer)
            for a in mine
        }
        good = [a for a in mine if why[a.id] is None]
        if good:
            covering.append(good[0].id)
            plural = "s" if len(good[0].representatives) > 1 else ""
            notes.append(
                f"{name}: {good[0].label}, representative{plural} "
                f"{_names(good[0].representatives)}."
            )
            continue
        # The most telling reason first: the newest form's.
        reasons.append(f"{name}: " + why[mine[0].id])
        reasons.extend(f"{name}: {why[a.id]}" for a in mine[1:3])
    if reasons:
        return Coverage(False, covering=(), reasons=tuple(reasons))
    return Coverage(True, covering=tuple(covering), notes=tuple(notes))


# ------------------------------------------------------------------------ validation


def validate_authorization(
    *,
    form: PoaForm,
    matters: Sequence[Matter],
    signed_on: date | None,
    received_on: date | None,
    revoked_on: date | None,
    withdrawn_on: date | None,
    representatives: int,
    today: date,
) -> tuple[list[str], list[str]]:
    """(errors, warnings) for a form about to be recorded. Errors block saving."""
    errors: list[str] = []
    warnings: list[str] = []
    if not matters:
        errors.append("List at least one tax matter (type of tax, form number, years).")
    for m in matters:
        if not m.form.strip() or not normalize_form(m.form):
            errors.append("Each tax matter needs its form number (for example 1040).")
        if m.first_year > m.last_year:
            errors.append(f"{m.label}: the first year is after the last year.")
        if m.first_year < EARLIEST_YEAR:
            errors.append(f"{m.label}: give specific years; 'all years' is not accepted.")
    if form is PoaForm.F2848 and representatives == 0:
        errors.append("A Form 2848 names at least one representative.")
    for label, day in (
        ("signed", signed_on),
        ("received", received_on),
        ("revoked", revoked_on),
        ("withdrawn", withdrawn_on),
    ):
        if day is not None and day > today:
            errors.append(f"The date {label} cannot be in the future.")
    if signed_on and received_on and received_on < signed_on:
        errors.append("The IRS cannot have received the form before it was signed.")
    for label, day in (("revoked", revoked_on), ("withdrawn", withdrawn_on)):
        if day is not None and received_on is not None and day < received_on:
            errors.append(f"The date {label} is before the IRS received the form.")
    if received_on is not None:
        last = last_coverable_year(received_on)
        beyond = [m for m in matters if m.last_year > last]
        if beyond:
            warnings.append(
                "Future periods count only up to three years after the IRS received the form: "
                f"years after {last} on this form will not count "
                f"({'; '.join(m.label for m in beyond)})."
            )
    return errors, warnings


# ------------------------------------------------------------------------ staff tasks


def coverage_horizon(auth: Authorization) -> date | None:
    """The last day of the last period this 2848 can cover (None: it covers nothing yet)."""
    if auth.form is not PoaForm.F2848 or auth.received_on is None or not auth.matters:
        return None
    last = min(max(m.last_year for m in auth.matters), last_coverable_year(auth.received_on))
    return date(last, 12, 31)


@dataclass(frozen=True)
class TaskDue:
    authorization: int
    kind: str  # "expiring" | "revoked"
    due_on: date
    summary: str


def tasks_due(
    authorizations: Iterable[Authorization],
    *,
    as_of: date,
    expiring_within_days: int = 60,
    revoked_within_days: int = 90,
) -> list[TaskDue]:
    """What staff should act on: 2848s whose last covered period ends soon, and 2848s
    revoked, withdrawn or replaced recently. The caller keeps one task per form and kind."""
    auths = list(authorizations)
    found: list[TaskDue] = []
    recent = as_of - timedelta(days=revoked_within_days)
    for auth in auths:
        if auth.form is not PoaForm.F2848 or auth.received_on is None:
            continue
        ended = auth.revoked_on or auth.withdrawn_on
        if ended is not None and recent <= ended <= as_of:
            how = "revoked" if auth.revoked_on else "withdrawn"
            found.append(
                TaskDue(
                    auth.id,
                    "revoked",
                    as_of,
                    f"The {auth.label} was {how} on {_say(ended)}: get a new Form 2848 signed "
                    "for any open matter.",
                )
            )
            continue
        if ended is not None:
            continue
        replaced = [
            m
            for m in auth.matters
            for year in range(m.first_year, m.last_year + 1)
            if _superseded_by(auth, auths, m.form, year, as_of) is not None
        ]
        newer = [
            o
            for o in auths
            if o.form is PoaForm.F2848
            and o.taxpayer == auth.taxpayer
            and o.received_on is not None
            and recent <= o.received_on <= as_of
            and (o.received_on, o.id) > (auth.received_on, auth.id)
            and not o.retains_prior
        ]
        if replaced and newer:
            found.append(
                TaskDue(
                    auth.id,
                    "revoked",
                    as_of,
                    f"The {auth.label} was replaced by the {newer[0].label} for some of its "
                    "matters (the new form did not keep it in effect): check who may act.",
                )
            )
            continue
        horizon = coverage_horizon(auth)
        if horizon is not None and as_of <= horizon <= as_of + timedelta(days=expiring_within_days):
            found.append(
                TaskDue(
                    auth.id,
                    "expiring",
                    horizon,
                    f"The {auth.label} covers periods only up to {_say(horizon)}: ask the "
                    "client to sign a new Form 2848 for the periods after it.",
                )
            )
    return found
