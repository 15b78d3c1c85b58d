package dev.esem.internal.protocol;

/** How a call's result is to come back: as a value, as a handle, or as a stream over it. */
public enum ResultForm {

	/** As the value Python returned, converted to Java. */
	VALUE(null),

	/** As a ref, whatever the result's type (a typed method declared a handle). */
	HANDLE(Wire.FORM_HANDLE),

	/** As a ref to a stream over the result, whose items Java pulls. */
	STREAM(Wire.FORM_STREAM),

	/** Any sequence or iterable as a list, an array-like as an array (a Java list or array is declared). */
	LIST(Wire.FORM_LIST),

	/** Any mapping as a dict, a pandas Series as its index to its values (a Java map is declared). */
	MAP(Wire.FORM_MAP);

	/** The request's {@code "as"} member, or {@code null} for a plain value. */
	final String wireName;

	ResultForm(String wireName) {
		this.wireName = wireName;
	}

}
