"""Notices: what was read, how sure, and whether the letter looks genuine.

Clients see their own notices without the staff-only parts (the reader's detail, the
cross-checks and each field's evidence), as on their pages.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import HouseholdRefSerializer
from notices.models import Legitimacy, Notice, NoticeField, NoticeFile

STAFF_ONLY = ("staff_detail", "error_code", "checks", "attempts", "used_ocr")


class SignSerializer(serializers.Serializer):
    code = serializers.CharField()
    strong = serializers.BooleanField(help_text="A strong sign makes the letter suspicious.")
    text = serializers.CharField(help_text="The sign in plain words.")
    quote = serializers.CharField(required=False, help_text="The sentence it was read in.")


class LegitimacySerializer(serializers.Serializer):
    """The scam check: the verdict shown, what the reader said, the signs found, and
    staff's verdict with its reason when they set one."""

    verdict = serializers.ChoiceField(source="legitimacy", choices=Legitimacy.choices)
    label = serializers.CharField(source="get_legitimacy_display")
    reasons = serializers.ListField(source="legitimacy_reasons", child=serializers.CharField())
    signs = SignSerializer(source="legitimacy_signs", many=True)
    reader_verdict = serializers.CharField(source="legitimacy_machine", allow_blank=True)
    set_by_staff = serializers.BooleanField(source="legitimacy_set_by_staff")
    set_at = serializers.DateTimeField(source="legitimacy_set_at", allow_null=True)
    set_reason = serializers.CharField(source="legitimacy_set_reason", allow_blank=True)


class NoticeFileSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")

    class Meta:
        model = NoticeFile
        fields = ["position", "name", "kind", "size", "sha256", "created_at"]


class NoticeStatusSerializer(serializers.ModelSerializer):
    """The polled part: is it read yet?"""

    id = serializers.UUIDField(source="public_id")
    status_label = serializers.CharField(source="get_status_display")
    is_final = serializers.BooleanField()

    class Meta:
        model = Notice
        fields = ["id", "status", "status_label", "is_final", "read_at", "client_message"]


class NoticeSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id")
    household = HouseholdRefSerializer(source="client")
    status_label = serializers.CharField(source="get_status_display")
    legitimacy = LegitimacySerializer(source="*")
    files = NoticeFileSerializer(many=True)
    case = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = [
            "id",
            "household",
            "status",
            "status_label",
            "created_at",
            "read_at",
            "client_message",
            "notice_type",
            "tax_year",
            "tax_form",
            "notice_date",
            "pay_by_date",
            "amount_due",
            "ssn_last4",
            "caller_id",
            "irs_phone",
            "page_count",
            "billing_summary",
            "legitimacy",
            "files",
            "case",
            *STAFF_ONLY,
        ]

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "state": {"type": "string"},
            },
        }
    )
    def get_case(self, obj: Notice):
        link = getattr(obj, "case_link", None)
        if link is None or not self.context.get("practice"):
            return None
        return {"id": str(link.case.public_id), "state": link.case.state}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("practice"):
            for name in (*STAFF_ONLY, "case"):
                data.pop(name, None)
        return data


class NoticeFieldSerializer(serializers.ModelSerializer):
    """One extracted field: the machine's value, any staff correction, and the evidence."""

    value = serializers.CharField(help_text="The correction when there is one, else the machine's.")
    corrected = serializers.BooleanField(source="is_corrected")
    corrected_by = serializers.CharField(
        source="corrected_by.full_name", default=None, allow_null=True
    )
    confirmed = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text="Whether the notice's own rules support the machine's value (billing rows "
        "add up, the stub repeats it ...). null for values read before the reader recorded it.",
    )
    why = serializers.CharField(
        read_only=True, help_text="Which rule confirms the value, or why none does."
    )

    class Meta:
        model = NoticeField
        fields = [
            "name",
            "value",
            "machine_value",
            "confidence",
            "confirmed",
            "why",
            "page",
            "bbox",
            "corrected",
            "corrected_value",
            "corrected_by",
            "corrected_at",
            "correction_reason",
        ]


class NoticeUploadSerializer(serializers.Serializer):
    """multipart/form-data: one or more `files` (the pages, in order) and the household."""

    files = serializers.ListField(child=serializers.FileField(), min_length=1)
    household = serializers.UUIDField(
        required=False,
        help_text="The household's id. Practice logins must give it; a client's upload "
        "always goes to their own household.",
    )


class NoticeUploadedSerializer(NoticeSerializer):
    created = serializers.SerializerMethodField(
        help_text="False when the same file was uploaded before: this is that notice."
    )

    class Meta(NoticeSerializer.Meta):
        fields = [*NoticeSerializer.Meta.fields, "created"]

    def get_created(self, obj) -> bool:
        return bool(self.context.get("created"))
