package dev.esem.sample.segments;

import java.util.List;

import dev.esem.NDArray;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Arrays both ways: customers in as an NDArray, segments and centers back as Java arrays. */
@RestController
class SegmentsController {

	private final Segments segments;

	SegmentsController(Segments segments) {
		this.segments = segments;
	}

	// tag::segments-endpoint[]
	@PostMapping("/api/segments")
	Segmentation segment(@RequestBody Customers customers) {
		double[][] rows = customers.customers();
		double[] flat = new double[rows.length * 2];
		for (int i = 0; i < rows.length; i++) {
			if (rows[i].length != 2) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"each customer is [monthly spend, visits per month]");
			}
			System.arraycopy(rows[i], 0, flat, 2 * i, 2);
		}
		Segments.Assignment assignment = this.segments.segment(NDArray.of(flat, rows.length, 2));
		return new Segmentation(assignment.segments(), assignment.names(), assignment.distances(),
				this.segments.centers());
	}
	// end::segments-endpoint[]

	record Customers(double[][] customers) {

		Customers {
			customers = (customers != null) ? customers : new double[0][];
		}

	}

	record Segmentation(int[] segments, List<String> names, double[] distances, double[][] centers) {
	}

}
