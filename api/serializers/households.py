from rest_framework import serializers

from api.serializers.common import PersonSerializer
from clients.models import Client


class HouseholdSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="display_name", read_only=True)
    primary_ssn = serializers.SerializerMethodField(help_text="Masked: XXX-XX-1234.")
    spouse_ssn = serializers.SerializerMethodField(help_text="Masked, or empty.")
    assigned_staff = PersonSerializer(read_only=True, allow_null=True)
    email = serializers.CharField(read_only=True, help_text="The household's address, or empty.")

    class Meta:
        model = Client
        fields = [
            "id",
            "name",
            "primary_first_name",
            "primary_last_name",
            "primary_ssn",
            "spouse_first_name",
            "spouse_last_name",
            "spouse_ssn",
            "filing_status",
            "address_line1",
            "address_line2",
            "city",
            "state",
            "zip_code",
            "email",
            "phone",
            "assigned_staff",
            "legal_hold",
            "created_at",
        ]
        read_only_fields = fields

    def get_primary_ssn(self, obj: Client) -> str:
        return obj.masked_primary_ssn

    def get_spouse_ssn(self, obj: Client) -> str:
        return f"XXX-XX-{obj.spouse_ssn_last4}" if obj.spouse_ssn_last4 else ""
