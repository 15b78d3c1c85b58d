package dev.esem.sample.imports;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.esem.annotation.PythonModule;
import dev.esem.annotation.PythonName;

// tag::importer-interface[]
/** {@code importer.py}: the Python loop calls {@code progress} as it goes. */
@PythonModule("importer.py")
public interface Importer {

	@PythonName("import_rows")
	ImportResult importRows(List<Map<String, Object>> rows, BiConsumer<Integer, Integer> progress);

	record ImportResult(int imported, List<Integer> rejected, long units) {
	}

}
// end::importer-interface[]
