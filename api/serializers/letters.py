from rest_framework import serializers

from api.serializers.common import PersonSerializer
from letters.models import Dispatch, Letter, LetterVersion


class DispatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dispatch
        fields = ["method", "tracking_number", "sent_on"]


class LetterVersionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id")
    approved_by = PersonSerializer(allow_null=True)
    enclosures = serializers.ListField(source="enclosure_labels", child=serializers.CharField())
    dispatch = DispatchSerializer(allow_null=True, default=None)

    class Meta:
        model = LetterVersion
        fields = [
            "id",
            "number",
            "status",
            "render_status",
            "packet_status",
            "packet_pages",
            "enclosures",
            "created_at",
            "submitted_at",
            "approved_by",
            "approved_at",
            "finalized_at",
            "dispatch",
        ]


class LetterSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id")
    case = serializers.UUIDField(source="case.public_id")
    kind_label = serializers.CharField(source="get_kind_display")
    final_version = serializers.SerializerMethodField()
    versions = LetterVersionSerializer(many=True)

    class Meta:
        model = Letter
        fields = ["id", "case", "kind", "kind_label", "created_at", "final_version", "versions"]

    def get_final_version(self, obj: Letter) -> int | None:
        final = next((v for v in obj.versions.all() if v.is_final), None)
        return final.number if final else None


class LetterDetailSerializer(LetterSerializer):
    content = serializers.SerializerMethodField(
        help_text="The newest version's text: subject, paragraphs, enclosures (as on the PDF)."
    )

    class Meta(LetterSerializer.Meta):
        fields = [*LetterSerializer.Meta.fields, "content"]

    def get_content(self, obj: Letter) -> dict:
        newest = max(obj.versions.all(), key=lambda v: v.number, default=None)
        return newest.content if newest else {}
