"""A sales report computed with pandas: orders in as a DataFrame, totals per region out as one.

Needs pandas in the workers' Python (Debian: python3-pandas); esem itself does not.
"""

# tag::sales-report[]
import pandas as pd


def report(orders: pd.DataFrame) -> pd.DataFrame:
    """Orders, units, revenue and average unit price per region, the best-selling first.

    The region is the result's index: it reaches Java as the table's first column.
    """
    orders = orders.assign(revenue=orders["units"] * orders["price"])
    totals = orders.groupby("region").agg(orders=("units", "size"), units=("units", "sum"),
                                          revenue=("revenue", "sum"))
    totals["averagePrice"] = (totals["revenue"] / totals["units"]).round(4)
    return totals.sort_values("revenue", ascending=False)
# end::sales-report[]
