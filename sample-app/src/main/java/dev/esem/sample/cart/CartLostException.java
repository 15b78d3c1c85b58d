package dev.esem.sample.cart;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The Python worker that held the cart died or was replaced, so the cart's state is
 * gone: HTTP 410. The client starts a new cart.
 */
class CartLostException extends ErrorResponseException {

	CartLostException(String id, Throwable cause) {
		super(HttpStatus.GONE, problem(id), cause);
	}

	private static ProblemDetail problem(String id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
				"Cart " + id + " was lost when its Python worker restarted. Create a new cart.");
		problem.setTitle("Cart lost");
		return problem;
	}

}
