package dev.esem;

/**
 * A request or a reply was larger than the max frame size ({@code esem.limits.max-frame-size}),
 * so it was not sent: an argument (an upload, say) or a result too large to cross. The
 * worker is unharmed and the next call goes on.
 * <p>
 * An {@link IllegalArgumentException}, as an oversized request always was: existing
 * handlers of that keep working; a web application maps this one to
 * {@code 413 Content Too Large}.
 */
public class PythonFrameTooLargeException extends IllegalArgumentException {

	public PythonFrameTooLargeException(String message) {
		super(message);
	}

}
