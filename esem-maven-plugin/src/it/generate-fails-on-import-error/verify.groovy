def log = new File(basedir, 'build.log').text
assert log.contains('Cannot generate the interfaces of Python modules that fail to import:')
assert log.contains('shop/rates.py failed to import:')
assert log.contains('Traceback (most recent call last):')
assert log.contains('USD = rate("USD")')
assert log.contains("KeyError: 'USD'")
assert !log.contains('a private module is not generated')
return true
