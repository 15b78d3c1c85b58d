"""Raw pipe floors for bulk data: reads a mode byte and an 8-byte length (little-endian);
for "E" reads that many bytes and writes them back, for "S" writes that many bytes, for
"R" reads that many bytes and writes one byte back."""
import io
import struct
import sys

source = io.FileIO(0, "rb", closefd=False)
sink = io.FileIO(1, "wb", closefd=False)
buffers = {}


def read_exactly(n):
    data = bytearray(n)
    view = memoryview(data)
    got = 0
    while got < n:
        read = source.readinto(view[got:])
        if not read:
            sys.exit(0)
        got += read
    return data


def write_all(data):
    view = memoryview(data)
    while view:
        view = view[sink.write(view):]


while True:
    header = read_exactly(9)
    mode = header[:1]
    size = struct.unpack("<q", header[1:])[0]
    if mode == b"E":
        write_all(read_exactly(size))
    elif mode == b"S":
        data = buffers.get(size)
        if data is None:
            data = buffers[size] = bytes(range(256)) * (size // 256) + bytes(size % 256)
        write_all(data)
    else:
        read_exactly(size)
        sink.write(b"k")
