# Stands in for an interpreter without pandas: importing it fails as a missing pandas would.
raise ModuleNotFoundError("No module named 'pandas'", name="pandas")
