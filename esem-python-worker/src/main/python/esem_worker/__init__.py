"""esem worker: serves one Java bridge over the process's original stdin and stdout.

Data flow::

    Java ──[stdin pipe]──► framing.FrameReader ──► codec.decode ──► server ──► user code
                                                                       │
    Java ◄─[stdout pipe]── framing.FrameWriter ◄── codec.encode_* ◄────┘
                                   ▲
                logs.ProtocolLogHandler (logging records from any thread; set up
                                         when logging is imported: log_forwarding)

    print(), sys.stdout, fd 1 and fd 2 ──► stderr pipe (the Java side logs it)

Children that user code forks never touch the channel (``forks``); the worker leads
its own process group, which a guardian process kills once the worker or the Java
process is gone (``guardian``), so nothing the worker started outlives it.

Awaitable results run as tasks on an event loop on the main thread, so awaiting calls
overlap (``server``); calls past their timeout are interrupted (``interrupts``);
iterables are pulled in batches (``streams``).

Values that JSON cannot express travel as tags (see ``codec``); other objects stay
in ``registry`` and travel as refs. ``main`` wires it all up. ``framing`` is the one
home of the wire format (frames, their header, the binary lane); the wire contract is
the project's docs/protocol.md.
"""

__all__ = ["arrays", "batching", "callbacks", "carriers", "codec", "errors", "forks", "framing",
           "guardian", "hints", "interrupts", "loader", "log_forwarding", "logs", "main", "missing",
           "registry", "server", "shm", "streams", "tables", "tracing", "watchdog"]
