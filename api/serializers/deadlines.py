"""The partner dashboard's figures (``dashboard.selectors.dashboard_figures``) as data."""

from rest_framework import serializers


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    queue_url = serializers.CharField(source="url", help_text="These cases in the admin queue.")


class StaffRowSerializer(serializers.Serializer):
    assignee_id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    due_7 = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class EscalationRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    next_code = serializers.CharField()
    next_title = serializers.CharField()
    count = serializers.IntegerField()
    overdue = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class WeekRowSerializer(serializers.Serializer):
    start = serializers.DateField()
    new = serializers.IntegerField()
    resolved = serializers.IntegerField()


class DeadlineFiguresSerializer(serializers.Serializer):
    today = serializers.DateField()
    filters = serializers.DictField(source="filters.query", child=serializers.CharField())
    open_total = FigureSerializer()
    buckets = FigureSerializer(many=True, help_text="Overdue, due in 0-3, 4-7, 8-30, later.")
    no_deadline = FigureSerializer()
    waiting = FigureSerializer(many=True)
    aging = FigureSerializer(many=True)
    staff = StaffRowSerializer(many=True)
    escalation = EscalationRowSerializer(many=True)
    weeks = WeekRowSerializer(many=True)
