"""Search: product search on Elasticsearch with a database fallback, and site-wide
search."""
