package dev.esem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Arrays of bytes: int8 and uint8, one byte per element each way. */
class NDArrayBytesTest {

	static PythonBridge python;

	static PyModule data;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		data = python.module("data_world.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void bytesMakeInt8AndUnsignedBytesUint8Arrays() {
		byte[] bytes = { 0, 1, -1, 127, -128, 42 };
		NDArray signed = NDArray.of(bytes, 2, 3);
		NDArray unsigned = NDArray.ofUnsigned(bytes, 3, 2);
		assertThat(signed.dtype()).isEqualTo("int8");
		assertThat(unsigned.dtype()).isEqualTo("uint8");
		assertThat(signed.shape()).containsExactly(2, 3);
		assertThat(NDArray.of(bytes).shape()).containsExactly(6);
		assertThat(signed.toLongArray()).containsExactly(0, 1, -1, 127, -128, 42);
		assertThat(unsigned.toLongArray()).containsExactly(0, 1, 255, 127, 128, 42);
		assertThat(signed.toByteArray()).containsExactly(bytes);
		assertThat(unsigned.toByteArray()).containsExactly(bytes);
		bytes[0] = 9; // the factories copied
		assertThat(signed.toByteArray()[0]).isZero();
		assertThatThrownBy(() -> NDArray.of(bytes, 4, 2)).isInstanceOf(IllegalArgumentException.class);
		assertThat(NDArray.of(new double[] { 1.9, -1.9, 300 }).toByteArray()).containsExactly(1, -1, 44);
	}

	@Test
	@SuppressWarnings("unchecked")
	void byteArraysCrossBothWaysAtOneBytePerElement() {
		byte[] pixels = new byte[224 * 224 * 3];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = (byte) i;
		}
		NDArray image = NDArray.ofUnsigned(pixels, 224, 224, 3);
		Map<String, Object> seen = (Map<String, Object>) data.call("describe_array", image);
		assertThat(seen).containsEntry("dtype", "uint8").containsEntry("shape", List.of(224, 224, 3));
		assertThat(data.call("type_name", image)).isEqualTo("ndarray");
		NDArray back = (NDArray) data.call("echo", image);
		assertThat(back).isEqualTo(image);
		assertThat(back.toByteArray()).isEqualTo(pixels);
		NDArray signed = NDArray.of(new byte[] { -1, 2 });
		assertThat(((Map<String, Object>) data.call("describe_array", signed)).get("values")).isEqualTo(List.of(-1, 2));
		assertThat(data.call("echo", signed)).isEqualTo(signed);
	}

	interface Images {

		@dev.esem.annotation.PythonName("echo")
		byte[] asBytes(NDArray array);

	}

	@Test
	void aTypedByteArrayTakesTheBytesOfAnInt8OrUint8Array() {
		Images images = data.bind(Images.class);
		assertThat(images.asBytes(NDArray.ofUnsigned(new byte[] { -1, 7 }))).containsExactly(-1, 7);
		assertThat(images.asBytes(NDArray.of(new byte[] { -1, 7 }))).containsExactly(-1, 7);
	}

}
