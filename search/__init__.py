"""Product search (Elasticsearch, with a database fallback) and the site-wide search."""
