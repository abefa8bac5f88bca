from django import template

from marketplace.money import format_rupiah

register = template.Library()


@register.filter(name="rupiah")
def rupiah(amount):
    """{{ product.price|rupiah }} -> "Rp 150.000"."""
    if amount in (None, ""):
        return ""
    return format_rupiah(int(amount))
