def generated = new File(basedir, 'target/generated-sources/esem/com/example/inventory/python/Inventory.java')
assert generated.isFile()
def source = generated.text
assert source.contains('@PythonModule("inventory.py")\npublic interface Inventory {')
assert source.contains('double total(List<Item> items, @PythonKeyword("discount") double discount);')
assert source.contains('@PythonName("restock_days")\n\tCompletableFuture<Long> restockDays(String sku);')
assert source.contains('interface Stock extends PythonInstance {')
assert source.contains('record Item(String sku, long quantity, @PythonName("unit_price") double unitPrice)')

def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('Python interfaces: 3 checked against 1 module, all match')
return true
