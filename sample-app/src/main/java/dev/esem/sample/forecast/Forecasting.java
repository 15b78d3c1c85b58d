package dev.esem.sample.forecast;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.esem.annotation.PythonModule;

// tag::forecasting-interface[]
/** {@code forecast.py}: {@code async def forecast(sku, days)} is awaited by the worker. */
@PythonModule("forecast.py")
public interface Forecasting {

	/** Returns at once; the future completes when Python has answered. */
	CompletableFuture<Forecast> forecast(String sku, int days);

	record Forecast(String sku, int days, List<Double> daily, double total) {
	}

}
// end::forecasting-interface[]
