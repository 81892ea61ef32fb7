from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(amount) -> str:
    """'$12,345.67' (dollars at stake; cents kept so a sum can be checked by hand)."""
    if amount is None:
        return "—"
    return f"${Decimal(amount):,.2f}"
