package dev.esem.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small shop API whose business logic is Python: pricing ({@code pricing.py}), carts
 * ({@code cart.py}), statistics ({@code stats.py}) and an async forecast
 * ({@code forecast.py}), all under {@code src/main/resources/python}.
 * <p>
 * The {@code @PythonModule} and {@code @PythonClass} interfaces in this package and its
 * sub-packages become beans: the esem starter scans the package of this class.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
