package dev.esem.maven;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class JavaNamesTest {

	@ParameterizedTest
	@CsvSource({ "my_tools, MyTools", "pricing, Pricing", "Point, Point", "http_client2, HttpClient2",
			"2d_shapes, _2dShapes", "record, Record" })
	void typeNames(String python, String java) {
		assertThat(JavaNames.typeName(python)).isEqualTo(java);
	}

	@ParameterizedTest
	@CsvSource({ "unit_price, unitPrice", "area, area", "get_URL, getURL", "URL, url", "new, new_",
			"default, default_", "close, close_", "to_string, toString_", "hash_code, hashCode_", "_private, private_",
			"snake__case_, snakeCase" })
	void methodNames(String python, String java) {
		assertThat(JavaNames.methodName(python)).isEqualTo(java);
	}

	@ParameterizedTest
	@CsvSource({ "unit_name, unitName", "close, close", "hash_code, hashCode_", "class, class_" })
	void componentNames(String python, String java) {
		assertThat(JavaNames.componentName(python)).isEqualTo(java);
	}

	@ParameterizedTest
	@CsvSource({ "unit_name, unitName", "close, close", "int, int_", "_, value" })
	void parameterNames(String python, String java) {
		assertThat(JavaNames.parameterName(python)).isEqualTo(java);
	}

}
