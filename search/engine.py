"""The Elasticsearch connection, made lazily: settings are read when it is first used,
not at import."""

import logging
from functools import lru_cache

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch

logger = logging.getLogger(__name__)


def is_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


@lru_cache(maxsize=4)
def _client_for(url: str, timeout: int):
    return Elasticsearch(
        url, request_timeout=timeout, retry_on_timeout=False, max_retries=0
    )


def get_client():
    """The shared client, or None when search runs on the database."""
    if not is_configured():
        return None
    return _client_for(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


def health() -> dict:
    """State of the search engine for /healthz: never raises."""
    if not is_configured():
        return {"backend": "database", "ok": True}
    try:
        info = get_client().cluster.health(timeout="2s")
    except Exception as exc:  # noqa: BLE001 - any transport failure means "down"
        logger.warning("Elasticsearch health check failed: %s", exc)
        return {
            "backend": "elasticsearch",
            "ok": False,
            "error": exc.__class__.__name__,
        }
    return {
        "backend": "elasticsearch",
        "ok": info["status"] in ("green", "yellow"),
        "status": info["status"],
    }


def is_transport_error(exc: BaseException) -> bool:
    """True for errors meaning "Elasticsearch cannot answer now" (down, timeout, bad
    index)."""
    return isinstance(exc, TransportError | ApiError | ConnectionError)
