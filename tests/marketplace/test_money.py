import pytest
from django.template import Context, Template

from marketplace.money import (
    format_rupiah,
    rupiah_to_stripe_amount,
    stripe_amount_to_rupiah,
)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Rp\u00a00"),
        (500, "Rp\u00a0500"),
        (150000, "Rp\u00a0150.000"),
        (3250000, "Rp\u00a03.250.000"),
        (-5000, "-Rp\u00a05.000"),
    ],
)
def test_format_rupiah_uses_dots_and_no_decimals(amount, expected):
    assert format_rupiah(amount) == expected


def test_format_rupiah_refuses_fractions():
    with pytest.raises(ValueError):
        format_rupiah(1500.5)


def test_rupiah_filter_matches_the_function():
    rendered = Template("{% load rupiah %}{{ price|rupiah }}").render(
        Context({"price": 150000})
    )
    assert rendered == "Rp\u00a0150.000"


def test_rupiah_filter_renders_nothing_for_missing_amounts():
    assert (
        Template("{% load rupiah %}{{ price|rupiah }}").render(Context({"price": None}))
        == ""
    )


def test_stripe_amounts_are_rupiah_times_100():
    assert rupiah_to_stripe_amount(150000) == 15000000
    assert stripe_amount_to_rupiah(15000000) == 150000
    with pytest.raises(ValueError):
        stripe_amount_to_rupiah(15000050)
