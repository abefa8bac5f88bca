import secrets

import pytest


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Collected static files with the manifest production settings need."""
    from tests.deploy import live

    root = tmp_path_factory.mktemp("static")
    env = live.production_env(DATABASE_URL="sqlite:///unused.sqlite3")
    live.collectstatic(root, env)
    return root


@pytest.fixture
def cache_prefix():
    """A key prefix of its own, so tests sharing one Redis never see each other's keys."""
    return f"banua-test-{secrets.token_hex(6)}"
