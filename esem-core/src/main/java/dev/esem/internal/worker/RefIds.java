package dev.esem.internal.worker;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ref ids that Java names for the objects it constructs in one worker without
 * waiting for the reply: {@code py_obj_j<n>_<token>}, where {@code n} counts up and
 * {@code token} is random per worker, so an id is never reused, cannot be guessed, and
 * an id of an ended worker never resolves in its successor. (The worker's own ids,
 * {@code py_obj_<n>_<token>}, never start with {@code j}.)
 */
final class RefIds {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final int TOKEN_LENGTH = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String suffix;

	private final AtomicLong counter = new AtomicLong();

	RefIds() {
		StringBuilder token = new StringBuilder(TOKEN_LENGTH + 1).append('_');
		for (int i = 0; i < TOKEN_LENGTH; i++) {
			token.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		this.suffix = token.toString();
	}

	String next() {
		return "py_obj_j" + this.counter.incrementAndGet() + this.suffix;
	}

}
