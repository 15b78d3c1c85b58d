"""esem worker: serves one Java bridge over the process's original stdin and stdout.

Data flow::

    Java ──[stdin pipe]──► framing.FrameReader ──► codec.decode ──► server ──► user code
                                                                       │
    Java ◄─[stdout pipe]── framing.FrameWriter ◄── codec.encode_* ◄────┘
                                   ▲
                logs.ProtocolLogHandler (logging records from any thread)

    print(), sys.stdout, fd 1 and fd 2 ──► stderr pipe (the Java side logs it)

Values that JSON cannot express travel as tags (see ``codec``); other objects stay
in ``registry`` and travel as refs. ``main`` wires it all up; the wire contract is
the project's docs/protocol.md.
"""

__all__ = ["codec", "framing", "loader", "logs", "main", "registry", "server", "watchdog"]
