"""The sales chart's SVG is valid in every language (Indonesian writes decimal commas)."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from tests.vendors.factories import VendorFactory
from tests.vendors.orders import make_suborder
from vendors.charts import sales_chart, svg_number

SVG_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def test_svg_number_is_locale_independent():
    with translation.override("id"):
        assert svg_number(10.666666) == "10.67"
        assert svg_number(3.0) == "3"
        assert svg_number(1200) == "1200"
        assert svg_number(-0.001) == "0"


def _svg_numbers(svg_text: str) -> list[str]:
    root = ET.fromstring(svg_text)  # noqa: S314 - our own page, parsed in a test
    values = root.attrib["viewBox"].split(" ")
    for element in root.iter():
        for name in ("x", "y", "width", "height", "x1", "x2", "y1", "y2"):
            if name in element.attrib:
                values.append(element.attrib[name])
    return values


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_dashboard_chart_numbers_are_svg_numbers_in_every_language(client, language):
    vendor = VendorFactory()
    make_suborder(vendor=vendor, quantity=3)
    client.force_login(vendor.owner)
    with translation.override(language):
        html = client.get(reverse("vendors:dashboard")).content.decode()
    # The chart's own <svg>, not the header's cart icon that comes first on the page.
    svg = re.search(r'<figure class="chart">\s*(<svg.*?</svg>)', html, re.S).group(1)
    numbers = _svg_numbers(svg)
    assert len(numbers) > 4 * 30
    assert all(SVG_NUMBER.match(value) for value in numbers), numbers
    # 30 bars across 320 units: the slots are fractional, so a localizing template
    # would have printed commas here.
    assert any("." in value for value in numbers)
    # Today's sale is the tallest bar, drawn to the top margin.
    assert re.search(r'height="116"', svg)


def test_wide_chart_geometry_has_no_grouping():
    chart = sales_chart([(None, 0)] * 0, width=1200)
    assert chart.width == "1200"
