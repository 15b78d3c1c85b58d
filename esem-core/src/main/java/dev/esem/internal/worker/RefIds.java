package dev.esem.internal.worker;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ref ids that the Java side names for the objects it constructs in one worker
 * without waiting for the reply: {@code py_obj_j<n>_<token>}, where {@code n} counts up
 * and {@code token} is drawn once per worker process. An id is therefore never reused,
 * and an id of an ended worker never resolves in its successor (a stale handle is refused
 * before it is sent anyway). The worker's own ids, {@code py_obj_<n>_<token>}, never start
 * with {@code j}, so the two kinds never collide. The token need not be secret: only the
 * Java side sends ids, so it is drawn without {@code SecureRandom}, whose seeding can cost
 * a JVM's first bridge a few hundred milliseconds.
 */
final class RefIds {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final int TOKEN_LENGTH = 12;

	private final String suffix;

	private final AtomicLong counter = new AtomicLong();

	RefIds() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder token = new StringBuilder(TOKEN_LENGTH + 1).append('_');
		for (int i = 0; i < TOKEN_LENGTH; i++) {
			token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		this.suffix = token.toString();
	}

	String next() {
		return "py_obj_j" + this.counter.incrementAndGet() + this.suffix;
	}

}
