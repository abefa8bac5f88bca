from core.geo import bounding_box, distance_km


def test_the_box_holds_every_point_of_the_radius_and_little_more():
    """One box for the tourism pages and the search fallback (they had two, with
    different constants)."""
    lat, lng, km = -3.3, 114.6, 25
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, km)
    for edge in (
        (float(min_lat), lng),
        (float(max_lat), lng),
        (lat, float(min_lng)),
        (lat, float(max_lng)),
    ):
        assert 24.9 <= distance_km(lat, lng, *edge) <= 25.1
