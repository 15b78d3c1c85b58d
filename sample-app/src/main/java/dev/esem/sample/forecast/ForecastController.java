package dev.esem.sample.forecast;

import java.util.concurrent.CompletableFuture;

import dev.esem.sample.python.Forecast;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An asynchronous Spring MVC endpoint over an {@code async def} Python function, called
 * through {@code Forecast}, the interface generated from {@code forecast.py}.
 */
@RestController
class ForecastController {

	private final Forecast forecasts;

	ForecastController(Forecast forecasts) {
		this.forecasts = forecasts;
	}

	// tag::forecast-endpoint[]
	@GetMapping("/api/forecast")
	CompletableFuture<Forecast.DailyForecast> forecast(@RequestParam String sku,
			@RequestParam(defaultValue = "7") int days) {
		// Spring MVC frees the request thread and writes the answer when the future completes.
		return this.forecasts.forecast(sku, days);
	}
	// end::forecast-endpoint[]

}
