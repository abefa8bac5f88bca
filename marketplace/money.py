"""Rupiah amounts: whole integers in the database, "Rp 150.000" on every page.

This is the one formatter; templates reach it through the ``rupiah`` filter.
"""

STRIPE_MINOR_UNITS_PER_RUPIAH = 100


def format_rupiah(amount: int | None) -> str:
    """Format whole rupiah the Indonesian way: "Rp 150.000", "-Rp 5.000", no decimals."""
    if amount is None:
        return ""
    value = int(amount)
    if value != amount:
        raise ValueError(f"Rupiah amounts are whole numbers, got {amount!r}")
    digits = f"{abs(value):,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    return f"{sign}Rp\u00a0{digits}"


def commission_on(amount: int, *, rate_bp: int) -> int:
    """The commission at ``rate_bp`` basis points on ``amount``, rounded half up: the
    one rounding of checkout's split and of a booking line's refund."""
    return (amount * rate_bp + 5_000) // 10_000


def rupiah_to_stripe_amount(amount: int) -> int:
    """Stripe counts IDR in minor units (sen), so whole rupiah are multiplied by 100."""
    return int(amount) * STRIPE_MINOR_UNITS_PER_RUPIAH


def stripe_amount_to_rupiah(amount: int) -> int:
    rupiah, remainder = divmod(int(amount), STRIPE_MINOR_UNITS_PER_RUPIAH)
    if remainder:
        raise ValueError(f"Stripe amount {amount} is not a whole number of rupiah")
    return rupiah
