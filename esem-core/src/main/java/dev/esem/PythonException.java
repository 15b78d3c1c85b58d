package dev.esem;

/**
 * Python raised an exception while serving a call. The message is {@code str(exc)};
 * {@link #pythonType()} and {@link #pythonTraceback()} tell what and where.
 * <p>
 * The stack trace starts with the Python frames of the traceback, innermost first
 * ({@code at pricing.quote(pricing.py:12)}), followed by the Java frames of the caller,
 * so any log of the exception shows where Python failed.
 */
public class PythonException extends RuntimeException {

	private final String pythonType;

	private final String pythonTraceback;

	private final StackTraceElement[] pythonFrames;

	public PythonException(String pythonType, String message, String pythonTraceback) {
		super(message);
		this.pythonType = pythonType;
		this.pythonTraceback = pythonTraceback;
		this.pythonFrames = PythonFrames.of(pythonTraceback);
		prependPythonFrames();
	}

	/** The Python exception class name, for example {@code "ValueError"}. */
	public String pythonType() {
		return this.pythonType;
	}

	/** The formatted Python traceback, as {@code traceback.format_exception} wrote it. */
	public String pythonTraceback() {
		return this.pythonTraceback;
	}

	/** Takes the current thread's Java stack, behind the Python frames. */
	@Override
	public synchronized Throwable fillInStackTrace() {
		super.fillInStackTrace();
		if (this.pythonFrames != null) { // null while Throwable's constructor fills the stack
			prependPythonFrames();
		}
		return this;
	}

	private void prependPythonFrames() {
		if (this.pythonFrames.length == 0) {
			return;
		}
		StackTraceElement[] java = getStackTrace();
		StackTraceElement[] frames = new StackTraceElement[this.pythonFrames.length + java.length];
		System.arraycopy(this.pythonFrames, 0, frames, 0, this.pythonFrames.length);
		System.arraycopy(java, 0, frames, this.pythonFrames.length, java.length);
		setStackTrace(frames);
	}

	@Override
	public String toString() {
		return getClass().getName() + ": " + this.pythonType + ": " + getMessage();
	}

}
