"""A bar chart of daily sales drawn on the server as SVG (no chart library, no JS)."""

from dataclasses import dataclass

from django.utils.formats import date_format


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    amount: int


@dataclass(frozen=True)
class SalesChart:
    width: int
    height: int
    bars: list[Bar]
    total: int
    best: int
    first_label: str
    last_label: str


def sales_chart(
    series: list[tuple], *, width: int = 320, height: int = 120
) -> SalesChart:
    """Geometry for the template; the viewBox scales it to any screen width."""
    count = max(len(series), 1)
    best = max((amount for _day, amount in series), default=0)
    slot = width / count
    bar_width = max(slot - 2, 1)
    bars = []
    for index, (day, amount) in enumerate(series):
        bar_height = (amount / best) * (height - 4) if best else 0
        bars.append(
            Bar(
                x=round(index * slot + 1, 2),
                y=round(height - bar_height, 2),
                width=round(bar_width, 2),
                height=round(bar_height, 2),
                label=date_format(day, "j M"),
                amount=amount,
            )
        )
    return SalesChart(
        width=width,
        height=height,
        bars=bars,
        total=sum(amount for _day, amount in series),
        best=best,
        first_label=bars[0].label if bars else "",
        last_label=bars[-1].label if bars else "",
    )


def svg_number(value: float) -> str:
    """A number for an SVG attribute: always a dot, never the active language's
    decimal comma (Indonesian prints 12,5, which a browser drops; issue 14)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


@dataclass(frozen=True)
class SvgBar:
    x: str
    y: str
    width: str
    height: str
    label: str
    amount: int


def bar_chart(
    series: list[tuple[str, int]], *, width: int = 320, height: int = 120
) -> SalesChart:
    """The same bars as ``sales_chart`` for any labelled series (a month, an event, a
    region), with coordinates already formatted by ``svg_number`` so templates print
    them as they are."""
    count = max(len(series), 1)
    best = max((amount for _label, amount in series), default=0)
    slot = width / count
    bars = []
    for index, (label, amount) in enumerate(series):
        bar_height = (amount / best) * (height - 4) if best else 0
        bars.append(
            SvgBar(
                x=svg_number(index * slot + 1),
                y=svg_number(height - bar_height),
                width=svg_number(max(slot - 2, 1)),
                height=svg_number(bar_height),
                label=str(label),
                amount=amount,
            )
        )
    return SalesChart(
        width=width,
        height=height,
        bars=bars,
        total=sum(amount for _label, amount in series),
        best=best,
        first_label=bars[0].label if bars else "",
        last_label=bars[-1].label if bars else "",
    )
