package dev.esem.sample.segments;

import java.util.List;

import dev.esem.NDArray;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Arrays both ways: customers in as an NDArray, segments and centers back as Java arrays. */
@RestController
class SegmentsController {

	private final SegmentModel segments;

	SegmentsController(SegmentModel segments) {
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
		SegmentModel.Assignment assignment = this.segments.segment(NDArray.of(flat, rows.length, 2));
		return new Segmentation(assignment.segments(), assignment.names(), assignment.distances(),
				this.segments.centers());
	}
	// end::segments-endpoint[]

	// tag::segment-one-endpoint[]
	/** One customer per request: concurrent requests share one Python call of the batched model. */
	@GetMapping("/api/segments/one")
	SegmentModel.CustomerSegment segmentOne(@RequestParam double spend, @RequestParam double visits) {
		return this.segments.segmentOne(new double[] { spend, visits });
	}
	// end::segment-one-endpoint[]

	record Customers(double[][] customers) {

		Customers {
			customers = (customers != null) ? customers : new double[0][];
		}

	}

	record Segmentation(int[] segments, List<String> names, double[] distances, double[][] centers) {
	}

}
