package dev.esem.sample.cart;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No cart has this id (it never existed, was deleted, or expired): HTTP 404. */
class CartNotFoundException extends ErrorResponseException {

	CartNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(String id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No cart " + id + ": it was deleted, expired, or never existed.");
		problem.setTitle("Cart not found");
		return problem;
	}

}
