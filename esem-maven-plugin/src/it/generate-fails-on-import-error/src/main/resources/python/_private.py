raise RuntimeError("a private module is not generated, so never imported")
