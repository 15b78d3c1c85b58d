"""Raw pipe floor: echoes each line back, flushing after each."""
import sys

readline = sys.stdin.buffer.readline
write = sys.stdout.buffer.write
flush = sys.stdout.buffer.flush
while True:
    line = readline()
    if not line:
        break
    write(line)
    flush()
