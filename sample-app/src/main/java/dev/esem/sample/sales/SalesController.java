package dev.esem.sample.sales;

import java.util.List;

import dev.esem.PythonBridge;
import dev.esem.PythonModuleLoadException;
import dev.esem.Table;
import dev.esem.sample.sales.SalesReport.Order;
import dev.esem.sample.sales.SalesReport.RegionTotal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A pandas report: the orders go to Python as one columnar Table (a DataFrame there), the
 * DataFrame of totals comes back as records. Needs pandas in the workers' Python; without
 * it the endpoint answers 503 saying so, and the rest of the application works on.
 */
@RestController
class SalesController {

	private final PythonBridge python;

	SalesController(PythonBridge python) {
		this.python = python;
	}

	// tag::sales-endpoint[]
	@PostMapping("/api/sales/report")
	List<RegionTotal> report(@RequestBody List<Order> orders) {
		SalesReport sales = this.python.module("sales.py").bind(SalesReport.class);
		return sales.report(Table.ofRows(orders));
	}
	// end::sales-endpoint[]

	/** sales.py did not import: pandas is missing from the workers' Python (503, naming what to install). */
	@ExceptionHandler
	ProblemDetail salesUnavailable(PythonModuleLoadException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The sales report needs pandas in the workers' Python: install it for that interpreter "
						+ "(Debian: apt-get install python3-pandas), or set esem.python to one that has it. "
						+ ex.pythonType() + ": " + ex.getMessage());
		problem.setTitle("Sales report unavailable");
		return problem;
	}

}
