// tag::stats-controller[]
package dev.esem.sample.stats;

import java.util.List;

import dev.esem.PythonFactory;
import dev.esem.sample.python.Stats;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stateful Python object that lives for one request. {@code Stats} is generated from
 * the type hints of {@code stats.py}.
 */
@RestController
class StatsController {

	private final PythonFactory<Stats.RunningStats> statistics;

	StatsController(PythonFactory<Stats.RunningStats> statistics) {
		this.statistics = statistics;
	}

	@PostMapping("/api/stats")
	Stats.Summary summarize(@RequestBody Measurements measurements) {
		try (Stats.RunningStats stats = this.statistics.create()) {
			for (double value : measurements.values()) {
				stats.push(value);
			}
			return stats.summary();
		}
	}

	record Measurements(List<Double> values) {

		Measurements {
			values = (values != null) ? values : List.of();
		}

	}

}
// end::stats-controller[]
