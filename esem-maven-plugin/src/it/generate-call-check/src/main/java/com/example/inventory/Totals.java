package com.example.inventory;

import java.util.List;
import java.util.Map;

import dev.esem.annotation.PythonKeyword;
import dev.esem.annotation.PythonModule;
import dev.esem.annotation.PythonName;

/** Written by hand: the check goal must find nothing wrong with it. */
@PythonModule("inventory.py")
public interface Totals {

	@PythonName("total")
	double value(List<Map<String, Object>> items, @PythonKeyword("discount") double discount);

}
