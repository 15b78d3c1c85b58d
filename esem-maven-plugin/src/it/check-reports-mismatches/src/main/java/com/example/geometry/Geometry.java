package com.example.geometry;

import dev.esem.annotation.PythonKeyword;
import dev.esem.annotation.PythonModule;

@PythonModule("geometry.py")
public interface Geometry {

	double aera(double width, double height);

	double area(double width, double height, double depth);

	double area(double width, @PythonKeyword("round") boolean rounded);

}
