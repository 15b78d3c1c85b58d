"""HTTP baseline: POST {"a": x, "b": y} to /add on 127.0.0.1 answers {"result": x + y}.

Prints the port it listens on, then serves until stdin closes.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


class AddHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real client would use
    disable_nagle_algorithm = True  # headers and body go out in two writes

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        reply = json.dumps({"result": body["a"] + body["b"]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), AddHandler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
sys.stdin.read()
server.shutdown()
