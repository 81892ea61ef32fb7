"""Template filters for staff pages: every stored name or value shown through
:mod:`common.labels`, so no internal name, Python value or parser message reaches a page."""

from django import template

from common import labels

register = template.Library()

register.filter("field_label", labels.field_label)
register.filter("check_label", labels.check_label)
register.filter("finding_label", labels.finding_label)
register.filter("action_label", labels.action_label)
register.filter("severity_label", labels.severity_label)
register.filter("read_error_label", labels.read_error_label)
register.filter("plain", labels.plain_value)
register.filter("money", labels.money)
