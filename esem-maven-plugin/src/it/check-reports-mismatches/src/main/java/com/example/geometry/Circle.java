package com.example.geometry;

import dev.esem.PythonInstance;
import dev.esem.annotation.PythonClass;

@PythonClass(module = "geometry.py", name = "Circle")
public interface Circle extends PythonInstance {

	Circle scaled(double factor, double again);

	double diameter();

}
