package com.example.inventory;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.inventory.python.Inventory;
import dev.esem.PyModule;
import dev.esem.PythonBridge;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryTest {

	@Test
	void callsPythonThroughTheGeneratedInterface() throws Exception {
		try (PythonBridge python = PythonBridge.builder().pythonPath(Path.of("src/main/resources/python")).build()) {
			PyModule module = python.module("inventory.py");
			Inventory inventory = module.bind(Inventory.class);
			List<Inventory.Item> items = List.of(new Inventory.Item("tea", 2, 1.5), new Inventory.Item("jam", 1, 3.0));
			assertThat(inventory.total(items)).isEqualTo(6.0);
			assertThat(inventory.total(items, 0.5)).isEqualTo(3.0);
			assertThat(inventory.restockDays("coffee").get()).isEqualTo(6L);
			try (Inventory.Stock stock = module.factory("Stock", Inventory.Stock.class).create()) {
				assertThat(stock.add("tea")).isEqualTo(1L);
				assertThat(stock.add("tea", 2)).isEqualTo(3L);
			}
		}
	}

}
