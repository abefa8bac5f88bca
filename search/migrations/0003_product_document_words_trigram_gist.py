"""A trigram GiST index on the documents' folded words (PostgreSQL only).

Typo correction asks for the documents nearest to an unknown word; the GIN index can
only list every similar document (thousands for a common word), which were then all
scored and sorted. The GiST index walks them nearest first (``<<->``, a KNN scan), so
the query stops after the few rows it needs. Nothing on SQLite (its candidates come
from the cached vocabulary).
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_productdocument_words_gist "
    "ON search_productdocument USING gist (words gist_trgm_ops)"
)
DROP = "DROP INDEX IF EXISTS search_productdocument_words_gist"


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_product_documents_fts_trigram")]

    operations = [migrations.RunPython(index_create, index_drop, elidable=False)]
