"""A model in the scikit-learn style, for the lifecycle examples."""


# tag::fit-returns-self[]
class Mean:
    """Learns the mean of the values it is fitted with."""

    def __init__(self):
        self.total = 0.0
        self.count = 0

    def fit(self, values):
        self.total += sum(values)
        self.count += len(values)
        return self  # so that calls chain: Mean().fit(a).fit(b)

    def predict(self):
        return self.total / self.count
# end::fit-returns-self[]
