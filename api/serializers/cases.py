from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import HouseholdRefSerializer, PersonSerializer
from cases.deadlines import days_left, urgency
from cases.models import Case, CaseEvent
from cases.services import actor_kind
from cases.workflow import REASON_LABELS, STATE_LABELS, Reason, State, allowed_transitions

# Taken through other steps, never by name: sent comes with a letter's dispatch, and a
# notice joining a case is the system's move.
NOT_BY_HAND = frozenset({"mark_sent", "notice_joined"})


class TransitionOptionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    to_state = serializers.CharField(source="target.value")
    needs_reason = serializers.BooleanField(source="reason_required")


class CaseSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id")
    number = serializers.IntegerField(source="pk", help_text="The case number staff see (#12).")
    household = HouseholdRefSerializer(source="client")
    state_label = serializers.SerializerMethodField()
    assignee = PersonSerializer(allow_null=True)
    latest_notice = serializers.UUIDField(
        source="latest_notice.public_id", default=None, allow_null=True
    )
    days_left = serializers.SerializerMethodField()
    urgency = serializers.SerializerMethodField()
    verdict = serializers.CharField(
        default=None,
        allow_null=True,
        help_text="The reconciliation's recommended action, when reconciled.",
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "household",
            "stream_kind",
            "tax_year",
            "tax_form",
            "state",
            "state_label",
            "resolution_reason",
            "assignee",
            "latest_notice",
            "notice_code",
            "notice_date",
            "pay_by_date",
            "amount_due",
            "caller_id",
            "irs_deadline",
            "deadline_basis",
            "deadline_estimate",
            "internal_target",
            "follow_up_on",
            "days_left",
            "urgency",
            "verdict",
            "created_at",
            "updated_at",
            "closed_at",
        ]

    def get_state_label(self, obj: Case) -> str:
        return STATE_LABELS[State(obj.state)]

    def get_days_left(self, obj: Case) -> int | None:
        if obj.irs_deadline is None:
            return None
        return days_left(obj.irs_deadline, timezone.localdate())

    def get_urgency(self, obj: Case) -> str:
        return urgency(obj.irs_deadline, timezone.localdate()).value


class CaseEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.full_name", default=None, allow_null=True)

    class Meta:
        model = CaseEvent
        fields = ["at", "kind", "from_state", "to_state", "summary", "actor"]


class CaseDetailSerializer(CaseSerializer):
    notices = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField(
        help_text="The state changes you may make now (POST them to .../transitions/)."
    )
    events = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "notices", "transitions", "events"]

    def get_notices(self, obj: Case) -> list[str]:
        return [str(link.notice.public_id) for link in obj.case_notices.select_related("notice")]

    @extend_schema_field(TransitionOptionSerializer(many=True))
    def get_transitions(self, obj: Case):
        user = self.context["request"].user
        options = [
            t for t in allowed_transitions(obj.state, actor_kind(user)) if t.name not in NOT_BY_HAND
        ]
        return TransitionOptionSerializer(options, many=True).data

    @extend_schema_field(CaseEventSerializer(many=True))
    def get_events(self, obj: Case):
        return CaseEventSerializer(obj.events.select_related("actor")[:100], many=True).data


class TransitionRequestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=40, help_text="e.g. start_review, resolve.")
    expected_state = serializers.ChoiceField(
        choices=[s.value for s in State],
        required=False,
        help_text="The state you saw. Repeating a change that already happened is harmless; "
        "a case that moved otherwise answers 409.",
    )
    reason = serializers.ChoiceField(
        choices=[(r.value, REASON_LABELS[r]) for r in Reason],
        required=False,
        help_text="Why it is resolved (resolve only).",
    )


class TransitionResultSerializer(serializers.Serializer):
    changed = serializers.BooleanField()
    case = CaseDetailSerializer()
