"""Raw pipe floor for bulk data: reads an 8-byte length and that many bytes, writes them back."""
import io
import os
import struct
import sys

source = io.FileIO(0, "rb", closefd=False)
sink = io.FileIO(1, "wb", closefd=False)


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


while True:
    header = read_exactly(8)
    data = read_exactly(struct.unpack("<q", header)[0])
    view = memoryview(data)
    while view:
        view = view[sink.write(view):]
