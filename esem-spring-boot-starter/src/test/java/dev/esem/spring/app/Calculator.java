package dev.esem.spring.app;

import dev.esem.PythonInstance;
import dev.esem.annotation.PythonClass;

/** The {@code Calculator} class of {@code src/test/resources/python/calculator.py}. */
@PythonClass(module = "calculator.py")
public interface Calculator extends PythonInstance {

	int add(int amount);

}
