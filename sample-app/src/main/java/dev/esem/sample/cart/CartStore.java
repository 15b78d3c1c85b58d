package dev.esem.sample.cart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.esem.PythonFactory;
import dev.esem.PythonWorkerException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carts that outlive a request: Python objects kept by id, released when the client
 * deletes the cart or when it has been idle for {@code sample.carts.idle-timeout}.
 */
// tag::cart-store[]
@Component
public class CartStore {

	private static final Log logger = LogFactory.getLog(CartStore.class);

	private final PythonFactory<Cart> carts;

	private final Duration idleTimeout;

	private final Clock clock;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	@Autowired
	CartStore(PythonFactory<Cart> carts, @Value("${sample.carts.idle-timeout:30m}") Duration idleTimeout) {
		this(carts, idleTimeout, Clock.systemUTC());
	}

	CartStore(PythonFactory<Cart> carts, Duration idleTimeout, Clock clock) {
		this.carts = carts;
		this.idleTimeout = idleTimeout;
		this.clock = clock;
	}

	/** Creates a Python cart and returns its id. */
	public String create(String tier) {
		Cart cart = this.carts.create(tier);
		String id = UUID.randomUUID().toString();
		this.entries.put(id, new Entry(cart, this.clock.instant()));
		return id;
	}

	/** Runs {@code action} on the cart {@code id}. */
	public <R> R use(String id, Function<Cart, R> action) {
		Entry entry = this.entries.get(id);
		if (entry == null) {
			throw new CartNotFoundException(id);
		}
		entry.lastUsed = this.clock.instant();
		try {
			return action.apply(entry.cart);
		}
		catch (PythonWorkerException ex) {
			// The worker that held this cart died or was replaced: the Python object is gone.
			if (this.entries.remove(id, entry)) {
				entry.cart.release();
			}
			throw new CartLostException(id, ex);
		}
		catch (IllegalStateException ex) {
			// Released by delete() or expiry while this request was using it.
			if (!this.entries.containsKey(id)) {
				throw new CartNotFoundException(id);
			}
			throw ex;
		}
	}

	/** Releases the Python cart {@code id}. */
	public void delete(String id) {
		Entry entry = this.entries.remove(id);
		if (entry == null) {
			throw new CartNotFoundException(id);
		}
		entry.cart.release();
	}

	/** Releases the carts idle for longer than the idle timeout; returns how many. */
	@Scheduled(fixedDelayString = "${sample.carts.sweep-interval:1m}")
	public int expireIdleCarts() {
		Instant limit = this.clock.instant().minus(this.idleTimeout);
		int expired = 0;
		for (Map.Entry<String, Entry> each : this.entries.entrySet()) {
			if (each.getValue().lastUsed.isBefore(limit) && this.entries.remove(each.getKey(), each.getValue())) {
				each.getValue().cart.release();
				expired++;
			}
		}
		if (expired > 0) {
			logger.info("Released " + expired + " idle carts");
		}
		return expired;
	}

	/** The number of live carts. */
	public int size() {
		return this.entries.size();
	}

	private static final class Entry {

		final Cart cart;

		volatile Instant lastUsed;

		Entry(Cart cart, Instant lastUsed) {
			this.cart = cart;
			this.lastUsed = lastUsed;
		}

	}

}
// end::cart-store[]
