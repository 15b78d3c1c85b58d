package dev.esem.sample.web;

import dev.esem.PythonException;
import dev.esem.PythonFrameTooLargeException;
import dev.esem.PythonTimeoutException;
import dev.esem.PythonWorkerException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns Python failures into RFC 9457 problem details. The client sees a short message;
 * the Python traceback goes to the log only.
 */
// tag::error-handler[]
@RestControllerAdvice
class PythonErrorHandler {

	private static final Log logger = LogFactory.getLog(PythonErrorHandler.class);

	/**
	 * Python raised: a ValueError (or a subclass, such as pydantic's ValidationError) means
	 * the input was wrong (400); anything else is a bug (500).
	 */
	@ExceptionHandler
	ProblemDetail pythonFailed(PythonException ex) {
		if (ex.isInstance("ValueError")) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
			problem.setTitle("Invalid request");
			return problem;
		}
		// the exception logs its Python frames, and the exceptions it was raised from
		logger.error("Python raised " + ex.pythonType(), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be processed.");
		problem.setTitle("Internal error");
		return problem;
	}

	/** An argument (an upload, say) or a result over esem.limits.max-frame-size (413). */
	@ExceptionHandler
	ProblemDetail pythonFrameTooLarge(PythonFrameTooLargeException ex) {
		logger.warn(ex.getMessage());
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request is too large.");
	}

	/** A call outlived esem.call-timeout (504). */
	@ExceptionHandler
	ProblemDetail pythonTimedOut(PythonTimeoutException ex) {
		logger.warn(ex.getMessage());
		return ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, "The calculation took too long.");
	}

	/** The worker died, is restarting, or the application is stopping (503): retrying may help. */
	@ExceptionHandler
	ProblemDetail pythonUnavailable(PythonWorkerException ex) {
		logger.warn(ex.getMessage());
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The calculation service is unavailable; try again.");
	}

}
// end::error-handler[]
