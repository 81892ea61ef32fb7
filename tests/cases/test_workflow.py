"""The case state machine table and the notice-stream rules."""

import pytest

from cases.workflow import (
    CLIENT_STATE_LABELS,
    CLOSED_STATES,
    OPEN_STATES,
    REASON_LABELS,
    STATE_LABELS,
    TRANSITIONS,
    Actor,
    Reason,
    State,
    StreamKind,
    TransitionNotAllowed,
    UnknownNotice,
    allowed_transitions,
    check_transition,
    escalation_rank,
    is_open,
    normalize_notice_code,
    notice_info,
    stream_decision,
    stream_key,
)

EXPECTED_EDGES = {
    ("new", "start_review", "in_review"),
    ("in_review", "release", "new"),
    ("in_review", "request_documents", "waiting_on_client"),
    ("waiting_on_client", "client_responded", "in_review"),
    ("in_review", "draft_letter", "letter_drafted"),
    ("letter_drafted", "back_to_review", "in_review"),
    ("letter_drafted", "submit_for_approval", "awaiting_approval"),
    ("awaiting_approval", "request_changes", "letter_drafted"),
    ("awaiting_approval", "mark_sent", "sent"),  # cases approved before the two states below
    ("awaiting_approval", "approve", "approved"),  # the case follows its letter
    ("approved", "mark_final", "ready_to_send"),
    ("ready_to_send", "mark_sent", "sent"),
    ("approved", "request_changes", "letter_drafted"),
    ("ready_to_send", "request_changes", "letter_drafted"),
    ("approved", "notice_joined", "in_review"),
    ("ready_to_send", "notice_joined", "in_review"),
    ("sent", "await_irs", "waiting_on_irs"),
    ("waiting_on_irs", "irs_replied", "in_review"),
    ("new", "resolve", "resolved"),
    ("in_review", "resolve", "resolved"),
    ("waiting_on_client", "resolve", "resolved"),
    ("sent", "resolve", "resolved"),
    ("waiting_on_irs", "resolve", "resolved"),
    ("waiting_on_client", "notice_joined", "in_review"),
    ("letter_drafted", "notice_joined", "in_review"),
    ("awaiting_approval", "notice_joined", "in_review"),
    ("sent", "notice_joined", "in_review"),
    ("waiting_on_irs", "notice_joined", "in_review"),
    ("resolved", "reopen", "in_review"),
}


def _args(t):
    reason = Reason.PAID if t.reason_required else None
    return {"actor": sorted(t.actors)[0], "reason": reason, "satisfied": t.guards}


def test_the_table_is_exactly_the_designed_graph():
    assert {(t.source, t.name, t.target) for t in TRANSITIONS} == EXPECTED_EDGES


@pytest.mark.parametrize("t", TRANSITIONS, ids=lambda t: f"{t.source}-{t.name}")
def test_every_allowed_transition_passes_for_each_of_its_actors(t):
    for actor in t.actors:
        args = {**_args(t), "actor": actor}
        assert check_transition(t.source, t.name, **args) is t


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("new", "mark_sent"),
        ("new", "draft_letter"),
        ("in_review", "mark_sent"),
        ("letter_drafted", "mark_sent"),
        ("sent", "draft_letter"),
        ("resolved", "resolve"),
        ("resolved", "start_review"),
        ("waiting_on_irs", "submit_for_approval"),
        ("new", "no_such_transition"),
    ],
)
def test_edges_not_in_the_table_are_refused(source, name):
    with pytest.raises(TransitionNotAllowed, match="allowed:") as err:
        check_transition(
            source, name, actor=Actor.PARTNER, reason=Reason.PAID, satisfied={"letter_approved"}
        )
    assert err.value.source == source and err.value.name == name


@pytest.mark.parametrize(
    ("source", "name", "actor"),
    [
        ("awaiting_approval", "request_changes", Actor.STAFF),  # only a partner sends back
        ("resolved", "reopen", Actor.STAFF),
        ("new", "start_review", Actor.CLIENT_ACTION),
        ("in_review", "resolve", Actor.SYSTEM),
        ("waiting_on_irs", "notice_joined", Actor.STAFF),
        ("sent", "await_irs", Actor.CLIENT_ACTION),
    ],
)
def test_actors_outside_the_edge_are_refused(source, name, actor):
    with pytest.raises(TransitionNotAllowed, match="may not"):
        check_transition(source, name, actor=actor, reason=Reason.PAID)


@pytest.mark.parametrize(
    "source", ["new", "in_review", "waiting_on_client", "sent", "waiting_on_irs"]
)
def test_resolving_requires_a_known_reason(source):
    with pytest.raises(TransitionNotAllowed, match="needs a resolution reason"):
        check_transition(source, "resolve", actor=Actor.STAFF)
    with pytest.raises(TransitionNotAllowed, match="Unknown resolution reason"):
        check_transition(source, "resolve", actor=Actor.STAFF, reason="gave_up")
    for reason in Reason:
        assert check_transition(source, "resolve", actor="staff", reason=reason.value)


def test_a_reason_on_a_non_resolving_transition_is_refused():
    with pytest.raises(TransitionNotAllowed, match="does not take"):
        check_transition("new", "start_review", actor=Actor.STAFF, reason=Reason.PAID)


def test_mark_sent_needs_an_approved_letter():
    with pytest.raises(TransitionNotAllowed, match="letter_approved"):
        check_transition(State.AWAITING_APPROVAL, "mark_sent", actor=Actor.STAFF)
    t = check_transition(
        State.AWAITING_APPROVAL, "mark_sent", actor=Actor.STAFF, satisfied={"letter_approved"}
    )
    assert t.target is State.SENT


def test_allowed_transitions_are_what_buttons_show():
    staff = {t.name for t in allowed_transitions(State.AWAITING_APPROVAL, Actor.STAFF)}
    partner = {t.name for t in allowed_transitions(State.AWAITING_APPROVAL, Actor.PARTNER)}
    assert staff == {"mark_sent"}
    assert partner == {"mark_sent", "request_changes", "approve"}
    # the guarded edges (approve, mark final, mark sent) are moved by the letter services
    guarded = {t.name for t in allowed_transitions(State.APPROVED, Actor.PARTNER) if t.guards}
    assert guarded == {"mark_final"}
    assert allowed_transitions(State.RESOLVED, Actor.STAFF) == []


def test_open_and_closed_states_partition_and_every_state_has_labels():
    assert set(State) == OPEN_STATES | CLOSED_STATES
    assert not OPEN_STATES & CLOSED_STATES
    assert is_open("waiting_on_irs") and not is_open(State.RESOLVED)
    assert set(STATE_LABELS) == set(CLIENT_STATE_LABELS) == set(State)
    assert set(REASON_LABELS) == set(Reason)
    assert "approval" not in " ".join(CLIENT_STATE_LABELS.values()).lower()


def test_every_state_is_reachable_from_new():
    seen, frontier = {State.NEW}, [State.NEW]
    while frontier:
        state = frontier.pop()
        for t in TRANSITIONS:
            if t.source == state and t.target not in seen:
                seen.add(t.target)
                frontier.append(t.target)
    assert seen == set(State)


# ------------------------------------------------------------------ streams


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("CP14", "CP14"),
        ("cp 14", "CP14"),
        ("CP14IA", "CP14"),
        ("CP14C", "CP14"),
        ("CP504B", "CP504"),
        ("LT11", "LT11"),
        ("LTR 11", "LT11"),
        ("Letter 1058", "LTR1058"),
        ("L1058", "LTR1058"),
        ("CP-2000", "CP2000"),
        ("CP71C", "CP71"),
        ("CP90", "CP90"),
    ],
)
def test_notice_codes_normalize(raw, canonical):
    assert normalize_notice_code(raw) == canonical


def test_stream_key_is_household_year_form_and_kind():
    assert stream_key(42, 2017, "1040") == "42|2017|1040|balance"
    assert stream_key("42", 2017, "Form 1040-SR") == stream_key(42, 2017, "1040")
    assert stream_key(42, 2017, "1040", kind=notice_info("CP2000").kind) == "42|2017|1040|proposal"
    assert stream_key(42, 2017, "1040") != stream_key(42, 2018, "1040")
    with pytest.raises(ValueError):
        stream_key("", 2017, "1040")
    with pytest.raises(ValueError):
        stream_key(42, 17, "1040")


def test_escalation_order():
    order = ["CP14", "CP501", "CP503", "CP504", "LT11"]
    assert [escalation_rank(c) for c in order] == [1, 2, 3, 4, 5]
    assert escalation_rank("Letter 1058") == escalation_rank("CP90") == 5
    assert escalation_rank("CP2000") is None


def test_a_later_notice_joins_the_open_case_and_moves_its_deadline():
    d = stream_decision("CP501", ["CP14"])
    assert d.join and d.moves_deadline and d.escalation


def test_a_notice_with_no_open_case_opens_one():
    d = stream_decision("CP14", [])
    assert not d.join


def test_an_earlier_notice_arriving_late_joins_but_does_not_move_the_deadline():
    d = stream_decision("CP14", ["CP14", "CP503"])
    assert d.join and not d.moves_deadline and not d.escalation


def test_cp2000_is_a_proposal_and_never_joins_a_balance_case():
    assert notice_info("CP2000").kind is StreamKind.PROPOSAL
    assert not notice_info("CP2000").is_bill
    assert not stream_decision("CP2000", ["CP14"]).join
    assert not stream_decision("CP14", ["CP2000"]).join


def test_cp71_joins_without_replacing_a_bills_clock():
    d = stream_decision("CP71", ["CP504"])
    assert d.join and not d.moves_deadline


def test_unknown_codes_are_not_guessed():
    with pytest.raises(UnknownNotice):
        notice_info("CP3219A")
