package dev.esem.spring.app;

import java.util.List;

import dev.esem.annotation.PythonModule;

/** The functions of {@code src/test/resources/python/pricing.py}. */
@PythonModule("pricing.py")
public interface Pricing {

	double quote(double amount);

	int total(List<Integer> items);

}
