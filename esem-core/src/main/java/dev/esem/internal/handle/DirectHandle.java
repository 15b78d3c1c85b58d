package dev.esem.internal.handle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.esem.BatchedFunction;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.worker.Call;
import dev.esem.internal.worker.CallTarget;

/**
 * A handle that builds its own calls, of a module's functions or of one object's
 * methods: each states only how it addresses its target (the {@link Call} it builds),
 * its timeout and how many batches it takes at once; sending, waiting, streaming and
 * batching are the same for both.
 */
abstract class DirectHandle extends PythonHandle {

	DirectHandle(HandleContext context) {
		super(context);
	}

	/** The call of {@code name} with {@code args}, its result to come back in {@code form}. */
	abstract Call newCall(String name, Object[] args, ResultForm form);

	/** The call that reads attribute {@code name}. */
	abstract Call attributeCall(String name);

	/** One call of the batched {@code name} with a batch of items. */
	abstract Call batchCall(String name, Object batch, Duration timeout);

	/** What a call of {@code member} addresses, for statistics and metrics. */
	abstract CallTarget target(String member);

	/** The deadline of this handle's calls, or {@code null} for the bridge's call timeout. */
	abstract Duration timeout();

	/** How many batches of a batched function may be in flight at once. */
	abstract int batchCapacity();

	final CallPath calls() {
		return this.context.calls();
	}

	@Override
	public Object request(String name, Object[] args, ResultForm form) {
		return calls().execute(newCall(name, args, form));
	}

	@Override
	public CompletableFuture<Object> requestAsync(String name, Object[] args, ResultForm form) {
		return calls().submit(() -> newCall(name, args, form));
	}

	@Override
	public Object get(String attribute) {
		return calls().execute(attributeCall(attribute));
	}

	@Override
	public Stream<Object> stream(String name, Object... args) {
		return calls().stream(newCall(name, args, ResultForm.STREAM));
	}

	@Override
	public BatchedFunction batched(String name, int maxSize, Duration maxDelay) {
		return this.context.batcher(target(name), maxSize, maxDelay, batchCapacity(), timeout(),
				(batch, deadline) -> calls().submit(() -> batchCall(name, batch, deadline)));
	}

}
