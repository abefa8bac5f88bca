"""Labels that show a price next to a name, e.g. in shipping radio buttons."""

from marketplace.money import format_rupiah


def shipping_choice_label(label, cost: int) -> str:
    return f"{label} – {format_rupiah(cost)}"
