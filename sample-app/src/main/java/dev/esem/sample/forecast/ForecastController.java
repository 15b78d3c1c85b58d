package dev.esem.sample.forecast;

import java.util.concurrent.CompletableFuture;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An asynchronous Spring MVC endpoint over an {@code async def} Python function. */
@RestController
class ForecastController {

	private final Forecasting forecasting;

	ForecastController(Forecasting forecasting) {
		this.forecasting = forecasting;
	}

	// tag::forecast-endpoint[]
	@GetMapping("/api/forecast")
	CompletableFuture<Forecasting.Forecast> forecast(@RequestParam String sku,
			@RequestParam(defaultValue = "7") int days) {
		// Spring MVC frees the request thread and writes the answer when the future completes.
		return this.forecasting.forecast(sku, days);
	}
	// end::forecast-endpoint[]

}
