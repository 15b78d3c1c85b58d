package dev.esem.spring.app;

import dev.esem.PythonFactory;

import org.springframework.stereotype.Service;

/** Gets the Python factory by constructor injection. */
@Service
public class CalculatorService {

	private final PythonFactory<Calculator> calculators;

	public CalculatorService(PythonFactory<Calculator> calculators) {
		this.calculators = calculators;
	}

	/** Adds the amounts on a new calculator, and releases it. */
	public int sum(int start, int... amounts) {
		try (Calculator calculator = this.calculators.create(start)) {
			int result = start;
			for (int amount : amounts) {
				result = calculator.add(amount);
			}
			return result;
		}
	}

	/** Creates a calculator and hands it to the caller, who must release it. */
	public Calculator open(int start) {
		return this.calculators.create(start);
	}

}
