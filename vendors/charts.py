"""A bar chart of daily sales drawn on the server as SVG (no chart library, no JS).

SVG attributes are numbers in the SVG grammar (a dot, no grouping), whatever the page's
language. Django localizes every int and float a template prints (``USE_THOUSAND_SEPARATOR``
and Indonesian's decimal comma would give ``x="1,5"`` or ``viewBox="0 0 1.200 120"``, which
the browser rejects and draws nothing), so the geometry is handed to the template as
strings already formatted here.
"""

from dataclasses import dataclass

from django.utils.formats import date_format


def svg_number(value: float) -> str:
    """``12.5`` → ``"12.5"``, ``3.0`` → ``"3"``: locale-independent, at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    height: str
    label: str
    amount: int


@dataclass(frozen=True)
class SalesChart:
    width: str
    height: str
    bars: list[Bar]
    total: int
    best: int
    first_label: str
    last_label: str


def sales_chart(
    series: list[tuple], *, width: int = 320, height: int = 120
) -> SalesChart:
    """Daily sales: the days labelled in the active language; the viewBox scales it
    to any screen width."""
    return bar_chart(
        [(date_format(day, "j M"), amount) for day, amount in series],
        width=width,
        height=height,
    )


def bar_chart(
    series: list[tuple[str, int]], *, width: int = 320, height: int = 120
) -> SalesChart:
    """Bars for any labelled series (days, months, events, regions), with coordinates
    already formatted by ``svg_number`` so templates print them as they are."""
    count = max(len(series), 1)
    best = max((amount for _label, amount in series), default=0)
    slot = width / count
    bars = []
    for index, (label, amount) in enumerate(series):
        bar_height = (amount / best) * (height - 4) if best else 0
        bars.append(
            Bar(
                x=svg_number(index * slot + 1),
                y=svg_number(height - bar_height),
                width=svg_number(max(slot - 2, 1)),
                height=svg_number(bar_height),
                label=str(label),
                amount=amount,
            )
        )
    return SalesChart(
        width=svg_number(width),
        height=svg_number(height),
        bars=bars,
        total=sum(amount for _label, amount in series),
        best=best,
        first_label=bars[0].label if bars else "",
        last_label=bars[-1].label if bars else "",
    )
