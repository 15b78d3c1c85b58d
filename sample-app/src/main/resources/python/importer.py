"""Imports sales rows: a Python loop that reports its progress to a Java function."""


# tag::import-loop[]
def import_rows(rows, progress, every=100):
    """Checks and totals the rows; calls ``progress(done, total)`` every ``every`` rows
    and at the end. ``progress`` is a Java function."""
    total = len(rows)
    units = 0
    rejected = []
    for done, row in enumerate(rows, start=1):
        if row.get("units", -1) < 0:
            rejected.append(done)
        else:
            units += row["units"]
        if done % every == 0 or done == total:
            progress(done, total)
    return {"imported": total - len(rejected), "rejected": rejected, "units": units}
# end::import-loop[]
