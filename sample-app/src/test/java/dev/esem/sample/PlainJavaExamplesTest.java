package dev.esem.sample;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.esem.Kwargs;
import dev.esem.PyModule;
import dev.esem.PyObject;
import dev.esem.PythonBridge;
import dev.esem.PythonFactory;
import dev.esem.PythonInstance;
import dev.esem.annotation.PythonKeyword;
import dev.esem.sample.cart.Cart;
import dev.esem.sample.cart.CartSummary;
import dev.esem.sample.pricing.Pricing;
import dev.esem.sample.pricing.Quote;
import dev.esem.sample.pricing.QuoteRequest;
import dev.esem.sample.python.Forecast;
import dev.esem.sample.python.Forecast.DailyForecast;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain-Java examples of README.md, getting-started.md and typed-interfaces.md, run
 * against a real Python. The tagged regions are what the docs show.
 */
class PlainJavaExamplesTest {

	static PythonBridge python;

	@BeforeAll
	static void start() {
		python = Examples.bridge().build();
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void theReadmeExampleCallsAPythonFunctionThroughAnInterface() {
		// tag::readme[]
		interface Prices {
			BigDecimal price(String sku, int quantity, @PythonKeyword("tier") String tier);
		}

		try (PythonBridge python = PythonBridge.builder().pythonPath(Path.of("src/main/resources/python")).build()) {
			Prices prices = python.module("pricing.py").bind(Prices.class);
			BigDecimal total = prices.price("coffee", 2, "silver"); // Python: price("coffee", 2, tier="silver")
			assertThat(total).isEqualByComparingTo("15.01");
		}
		// end::readme[]
	}

	@Test
	void aFunctionIsCalledByNameWithPositionalAndKeywordArguments() {
		// tag::plain-call[]
		try (PythonBridge python = PythonBridge.builder()
			.pythonPath(Path.of("src/main/resources/python"))
			.build()) {
			PyModule pricing = python.module("pricing.py");
			Object total = pricing.call("price", "coffee", 2, Kwargs.of("tier", "silver"));
			assertThat(total).isEqualTo(new BigDecimal("15.01"));
		}
		// end::plain-call[]
	}

	@Test
	void moduleAttributesAndExportsAreReadable() {
		// tag::plain-module[]
		PyModule pricing = python.module("pricing.py");
		assertThat(pricing.exports()).contains("quote", "price", "unit_price", "CATALOG");
		Map<?, ?> catalog = (Map<?, ?>) pricing.get("CATALOG");
		assertThat(catalog.get("tea")).isEqualTo(new BigDecimal("4.20"));
		CompletableFuture<Object> later = pricing.callAsync("price", "tea", 3);
		assertThat(later.join()).isEqualTo(new BigDecimal("12.60"));
		// end::plain-module[]
	}

	@Test
	void aBoundInterfaceCallsModuleFunctions() {
		// tag::bind[]
		Pricing pricing = python.module("pricing.py").bind(Pricing.class);
		Quote quote = pricing.quote(new QuoteRequest("apple", 12, "gold"));
		assertThat(quote.total()).isEqualByComparingTo("5.10");
		assertThat(quote.discount()).isEqualByComparingTo("0.15");
		assertThat(pricing.unitPrice("tea")).isEqualByComparingTo("4.20"); // @PythonName("unit_price")
		assertThat(pricing.price("coffee", 2, "silver")).isEqualByComparingTo("15.01"); // tier="silver"
		assertThat(pricing.price("banana")).isEqualByComparingTo("0.25"); // a default method, run in Java
		// end::bind[]
	}

	@Test
	void aFactoryCreatesTypedInstancesThatAreReleasedByTryWithResources() {
		// tag::factory[]
		PythonFactory<Cart> carts = python.module("cart.py").factory("Cart", Cart.class);
		try (Cart cart = carts.create("gold")) {
			cart.add("apple", 3);
			CartSummary summary = cart.add("tea", 1);
			assertThat(summary.lines()).extracting(Quote::sku).containsExactly("apple", "tea");
			assertThat(summary.total()).isEqualByComparingTo("5.13");
			assertThat(cart.refId()).startsWith("py_obj_"); // from PythonInstance
			Object raw = cart.call("summary"); // any method by name, listed in the interface or not
			assertThat(raw).isInstanceOf(Map.class);
		} // the Python object is released here
		// end::factory[]
	}

	@Test
	void anExistingPythonObjectCanBeViewedThroughAnInterface() {
		// tag::as[]
		PyObject object = python.module("cart.py").construct("Cart", "silver");
		assertThat(object.pythonClass()).isEqualTo("Cart");
		assertThat(object.methods()).contains("add", "remove", "summary");
		Cart cart = object.as(Cart.class);
		cart.add("coffee", 1);
		assertThat(object.get("tier")).isEqualTo("silver");
		assertThat(object.get("items")).isEqualTo(Map.of("coffee", 1));
		cart.release(); // one Python object behind both views
		assertThat(object.isReleased()).isTrue();
		// end::as[]
	}

	@Test
	void completableFutureReturnsMakeCallsAsynchronous() {
		// tag::async[]
		Forecast forecasts = python.module("forecast.py").bind(Forecast.class);
		CompletableFuture<DailyForecast> apples = forecasts.forecast("apple", 7);
		CompletableFuture<DailyForecast> tea = forecasts.forecast("tea");
		double both = apples.thenCombine(tea, (a, b) -> a.total() + b.total()).join();
		assertThat(both).isGreaterThan(apples.join().total());
		// end::async[]
	}

	// tag::cart-functions[]
	interface CartFunctions {

		/** {@code merge(target, source)} in cart.py: both arguments arrive as the Python carts themselves. */
		CartSummary merge(Cart target, Cart source);

	}
	// end::cart-functions[]

	@Test
	void proxiesPassedBackReachPythonAsTheOriginalObjects() {
		PythonFactory<Cart> carts = python.module("cart.py").factory("Cart", Cart.class);
		// tag::pass-back[]
		CartFunctions functions = python.module("cart.py").bind(CartFunctions.class);
		try (Cart mine = carts.create("regular"); Cart yours = carts.create("regular")) {
			mine.add("apple", 2);
			yours.add("tea", 1);
			CartSummary merged = functions.merge(mine, yours);
			assertThat(merged.lines()).extracting(Quote::sku).containsExactly("apple", "tea");
			assertThat(yours.summary().lines()).isEmpty(); // Python changed the very object Java holds
		}
		// end::pass-back[]
	}

	// tag::returned-objects[]
	interface Point extends PythonInstance {

		double length();

	}

	interface Geometry {

		Point origin(); // Python returns a Point object: it arrives viewed as this interface

	}
	// end::returned-objects[]

	@Test
	void pythonObjectsReturnedByFunctionsArriveAsTypedViews() {
		// tag::returned-objects-use[]
		PythonFactory<Point> points = python.module("convert.py").factory("Point", Point.class);
		try (Point point = points.create(3, 4); Point origin = python.module("convert.py").bind(Geometry.class).origin()) {
			assertThat(point.length()).isEqualTo(5.0);
			assertThat(origin.length()).isEqualTo(0.0);
		}
		// end::returned-objects-use[]
	}

}
