package dev.esem.sample.web;

import java.util.List;

import dev.esem.PythonException;
import dev.esem.PythonFrameTooLargeException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** How the sample answers Python failures: by class hierarchy, and the frame limit as 413. */
class PythonErrorHandlerTest {

	private final PythonErrorHandler handler = new PythonErrorHandler();

	@Test
	void aValueErrorSubclassIsABadRequest() {
		PythonException validation = new PythonException("ValidationError",
				List.of("pydantic_core._pydantic_core.ValidationError", "ValueError", "Exception", "BaseException"),
				"1 validation error for Quote", "");
		assertThat(this.handler.pythonFailed(validation).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST.value());
	}

	@Test
	void anyOtherPythonExceptionIsAnInternalError() {
		PythonException bug = new PythonException("KeyError", List.of("KeyError", "LookupError", "Exception",
				"BaseException"), "'sku'", "");
		assertThat(this.handler.pythonFailed(bug).getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.value());
	}

	@Test
	void aValueOverTheFrameLimitIsContentTooLarge() {
		assertThat(this.handler.pythonFrameTooLarge(new PythonFrameTooLargeException("The request is 70 MiB")).getStatus())
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE.value());
	}

}
