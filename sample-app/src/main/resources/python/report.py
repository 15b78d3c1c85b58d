"""Daily sales report: a generator whose rows reach Java one by one, as they are made."""
import time


# tag::report-generator[]
def daily_sales(sku, days=7, delay=0.2):
    """Yields one row per day as soon as it is computed (the delay stands for a slow query)."""
    for day in range(1, days + 1):
        time.sleep(delay)
        yield {"day": day, "sku": sku, "units": 20 + (day * 7 + len(sku)) % 13}
# end::report-generator[]
