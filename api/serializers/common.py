from rest_framework import serializers


class PersonSerializer(serializers.Serializer):
    """A practice login as others see it (staff on a case, the approving partner)."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="full_name")
    email = serializers.EmailField()


class HouseholdRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    name = serializers.CharField(source="display_name")
