"""Distances on the map, written once: the tourism pages ("makers near here") and the
search fallback ("within N km") use the same Earth and the same bounding box."""

import math
from decimal import Decimal

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.32


def distance_km(lat1, lng1, lat2, lng2) -> float:
    """Great-circle (haversine) distance; good to a few metres at this scale."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi = phi2 - phi1
    d_lambda = math.radians(float(lng2) - float(lng1))
    a = (
        math.sin(d_phi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def bounding_box(
    lat, lng, radius_km: float
) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(min_lat, max_lat, min_lng, max_lng) around a point: a cheap, index-friendly SQL
    prefilter that contains every point within ``radius_km``."""
    d_lat = radius_km / KM_PER_DEGREE_LATITUDE
    # Near the poles a degree of longitude shrinks to nothing; the floor keeps the box
    # finite.
    cos_lat = max(math.cos(math.radians(float(lat))), 0.01)
    d_lng = radius_km / (KM_PER_DEGREE_LATITUDE * cos_lat)
    lat, lng = float(lat), float(lng)
    return (
        Decimal(f"{lat - d_lat:.6f}"),
        Decimal(f"{lat + d_lat:.6f}"),
        Decimal(f"{lng - d_lng:.6f}"),
        Decimal(f"{lng + d_lng:.6f}"),
    )
