package dev.esem;

import java.util.List;

/**
 * Python raised an exception while serving a call. The message is {@code str(exc)};
 * {@link #pythonType()} and {@link #pythonTraceback()} tell what and where, and
 * {@link #isInstance(String)} tests the class as Python's {@code isinstance} would:
 * {@code ex.isInstance("ValueError")} also holds for pydantic's {@code ValidationError}.
 * <p>
 * {@link #getCause()} is the exception this one was raised from ({@code raise ... from},
 * or the one being handled when it was raised) as another {@code PythonException} with
 * its own frames, and so on down the chain; a Java exception thrown by a Java function
 * that Python called stays the root cause.
 * <p>
 * The stack trace starts with the Python frames of the traceback, innermost first
 * ({@code at pricing.quote(pricing.py:12)}), followed by the Java frames of the caller,
 * so any log of the exception shows where Python failed.
 */
public class PythonException extends RuntimeException {

	private final String pythonType;

	private final List<String> pythonTypes;

	private final String pythonTraceback;

	private final StackTraceElement[] pythonFrames;

	public PythonException(String pythonType, String message, String pythonTraceback) {
		this(pythonType, List.of(pythonType), message, pythonTraceback);
	}

	/**
	 * @param pythonTypes the exception class's MRO, as {@link #pythonTypes()} returns it
	 */
	public PythonException(String pythonType, List<String> pythonTypes, String message, String pythonTraceback) {
		super(message);
		this.pythonType = pythonType;
		this.pythonTypes = List.copyOf(pythonTypes);
		this.pythonTraceback = pythonTraceback;
		this.pythonFrames = PythonFrames.of(pythonTraceback);
		prependPythonFrames();
	}

	/** The Python exception class name, for example {@code "ValueError"}. */
	public String pythonType() {
		return this.pythonType;
	}

	/**
	 * The exception class and its bases (its MRO), most specific first, without
	 * {@code object}: qualified by module ({@code pydantic_core.ValidationError}) except
	 * for builtins ({@code ValueError}).
	 */
	public List<String> pythonTypes() {
		return this.pythonTypes;
	}

	/**
	 * Whether the Python exception is an instance of {@code pythonType}: an entry of
	 * {@link #pythonTypes()} equals it or ends with {@code "."} and it, so both
	 * {@code "ValidationError"} and {@code "pydantic_core.ValidationError"} match.
	 */
	public boolean isInstance(String pythonType) {
		for (String type : this.pythonTypes) {
			if (type.equals(pythonType) || (type.endsWith(pythonType)
					&& type.length() > pythonType.length()
					&& type.charAt(type.length() - pythonType.length() - 1) == '.')) {
				return true;
			}
		}
		return false;
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
