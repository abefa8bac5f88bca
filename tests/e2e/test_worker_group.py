"""The browser journeys share one pytest-xdist worker under `make test`."""


def test_journeys_are_grouped_on_one_worker(request):
    """Under ``--dist loadgroup`` xdist names a grouped test's group in its node id;
    without that suffix the journeys spread over both workers (pytest 9.2 with
    pytest-xdist 3.8, or a collection hook that runs too late)."""
    if not getattr(request.config.option, "loadgroup", False):
        return  # one process: nothing to group
    assert request.node.nodeid.endswith("@browser")
