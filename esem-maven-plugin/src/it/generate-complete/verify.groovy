def generated = new File(basedir, 'target/generated-sources/esem/com/example/jobs/python/Jobs.java')
assert generated.isFile()
def source = generated.text
[
    'String submit(String name, Kwargs options, String... tags);',
    '@PythonName("Worker")\n\tWorker newWorker(String name, long threads);',
    '@PythonAttribute("LIMIT")\n\tlong getLimit();',
    '@PythonAttribute("busy")\n\t\tboolean getBusy();',
    '@PythonTimeout("2s")\n\t\tRunResult run(Job job, Kwargs settings, String... steps);',
    'void onDone(Consumer<Number> callback);',
    'record RunResult(long first, String second)',
    'record SplitResult(long first, String second)',
    'enum Priority {',
    'enum When {',
    'record Job(@PythonName("job_id") long jobId, Priority priority)',
    '@PythonTimeout("750ms")\n\t@PythonBatch(\n\t\t\tmaxSize = 64,\n\t\t\tmaxDelay = "5ms"\n\t)\n\tdouble crunch(double values);',
].each { line -> assert source.contains(line) : "Jobs.java lacks: " + line }

def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('checked against 2 modules, all match')
return true
