"""Background work of the vendors app: ids in, a service call, safe to run twice."""

from django_tasks import task

from vendors.services.stock_alerts import low_stock_check


@task()
def low_stock_check_task(*, variant_ids: list[int]) -> int:
    return low_stock_check(variant_ids=variant_ids)
