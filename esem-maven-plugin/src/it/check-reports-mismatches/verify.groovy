def log = new File(basedir, 'build.log').text
[
    "[ERROR] Circle.diameter: no method 'diameter' in class Circle of geometry.py",
    "[ERROR] Circle.scaled: passes 2 positional arguments, Python's scaled(factor) takes at most 1",
    "[ERROR] Geometry.aera: no function 'aera' in module geometry.py (did you mean 'area'?)",
    "[ERROR] Geometry.area: no keyword 'round' in Python's area(width, height=1.0, *, rounded=False)",
    "[ERROR] Geometry.area: passes 3 positional arguments, Python's area(width, height=1.0, *, rounded=False) takes at most 2",
    "[ERROR] <function> geometry.py Circle.scale names nothing: no method 'scale' in class Circle of geometry.py (did you mean 'scaled'?)",
    "[WARNING] geometry.py: no Java type for the hint of Geometry.pack(values): array.array",
    "6 mismatches between Java interfaces and Python code",
].each { line -> assert log.contains(line) : "build.log lacks: " + line }
return true
