#!/usr/bin/env python3
"""api-queries.py SOCKET [-n RUNS] [--pid PID] [--containers N] [--image REF] [--events SINCE UNTIL]

Times read queries over a running daemon's socket (raw HTTP/1.1 over the Unix socket, one connection
per request, no client JVM): the whole answer, from connect to the last body byte.

  --containers N   first creates containers until N exist (POST /containers/create of REF, never
                   started, over one keep-alive connection; an existing set is reused), then times
                   GET /containers/json?all=1 (what `ps -a` asks)
  --events S U     times GET /events?since=S&until=U (Docker's seconds, fractions allowed), the
                   bounded history `events --since S --until U` reads

Prints the median and min ms of RUNS (default 10) after one warm-up, the answer's size and, for the
list, how many containers it held. Works against dockerd's socket too (/var/run/docker.sock).
"""
import argparse
import json
import os
import socket
import statistics
import sys
import time


def request(sock_path, method, path, body=None):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    head = "%s %s HTTP/1.1\r\nHost: cairn\r\nConnection: close\r\n" % (method, path)
    data = b""
    if body is not None:
        data = json.dumps(body).encode()
        head += "Content-Type: application/json\r\nContent-Length: %d\r\n" % len(data)
    s.sendall(head.encode() + b"\r\n" + data)
    chunks = []
    while True:
        c = s.recv(1 << 20)
        if not c:
            break
        chunks.append(c)
    s.close()
    raw = b"".join(chunks)
    header, _, payload = raw.partition(b"\r\n\r\n")
    status = int(header.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in header.lower():
        payload = dechunk(payload)
    return status, payload


def dechunk(b):
    out = bytearray()
    while b:
        size_line, _, rest = b.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        b = rest[size + 2:]
    return bytes(out)


def keepalive_creates(sock_path, image, names):
    """POST /containers/create for each name over one connection (Content-Length answers)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    f = s.makefile("rb")
    body = json.dumps({"Image": image, "Cmd": ["true"], "HostConfig": {"NetworkMode": "none"}}).encode()
    for name in names:
        s.sendall(("POST /containers/create?name=%s HTTP/1.1\r\nHost: cairn\r\nContent-Type: application/json\r\n"
                   "Content-Length: %d\r\n\r\n" % (name, len(body))).encode() + body)
        status = int(f.readline().split(b" ", 2)[1])
        length, chunked = 0, False
        while True:
            line = f.readline().strip()
            if not line:
                break
            k, _, v = line.partition(b":")
            if k.lower() == b"content-length":
                length = int(v)
            elif k.lower() == b"transfer-encoding" and b"chunked" in v.lower():
                chunked = True
        payload = f.read(length) if not chunked else read_chunked(f)
        if status != 201:
            raise RuntimeError("create %s: %d %s" % (name, status, payload[:200]))
    s.close()


def read_chunked(f):
    out = b""
    while True:
        size = int(f.readline().strip().split(b";")[0], 16)
        if size == 0:
            f.readline()
            return out
        out += f.read(size)
        f.readline()


def cpu_ms(pid):
    """user + sys of the daemon so far (0 without --pid)."""
    if not pid:
        return 0.0
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def timed(sock_path, path, runs, pid=None):
    samples, size, payload = [], 0, b""
    cpu0 = 0.0
    for r in range(runs + 1):
        if r == 1:
            cpu0 = cpu_ms(pid)
        t0 = time.monotonic()
        status, payload = request(sock_path, "GET", path)
        dt = (time.monotonic() - t0) * 1000.0
        if status != 200:
            raise RuntimeError("GET %s: %d %s" % (path, status, payload[:200]))
        if r > 0:
            samples.append(dt)
        size = len(payload)
    timed.cpu_per_request = (cpu_ms(pid) - cpu0) / runs if pid else float("nan")
    return samples, size, payload


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("socket")
    ap.add_argument("-n", type=int, default=10)
    ap.add_argument("--containers", type=int)
    ap.add_argument("--image", default="bb")
    ap.add_argument("--events", nargs=2, metavar=("SINCE", "UNTIL"))
    ap.add_argument("--pid", type=int, help="the daemon's pid: also report its CPU ms per request")
    a = ap.parse_args()
    print("run: %s UTC, load average: %s" % (time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),
                                            open("/proc/loadavg").read().split()[:3]))
    if a.containers:
        status, payload = request(a.socket, "GET", "/containers/json?all=1")
        have = len(json.loads(payload))
        if have < a.containers:
            t0 = time.monotonic()
            keepalive_creates(a.socket, a.image, ["q-%d" % i for i in range(have, a.containers)])
            print("created %d containers in %.1f s" % (a.containers - have, time.monotonic() - t0))
        samples, size, payload = timed(a.socket, "/containers/json?all=1", a.n, a.pid)
        print("GET /containers/json?all=1: %d containers, %d bytes: median %.1f ms, min %.1f ms, daemon CPU %.0f ms"
              " a request (%d runs)" % (len(json.loads(payload)), size, statistics.median(samples), min(samples),
                                      timed.cpu_per_request, a.n))
    if a.events:
        path = "/events?since=%s&until=%s" % tuple(a.events)
        samples, size, payload = timed(a.socket, path, a.n, a.pid)
        print("GET %s: %d events, %d bytes: median %.1f ms, min %.1f ms, daemon CPU %.0f ms a request (%d runs)" % (
            path, payload.count(b"\n") + (1 if payload and not payload.endswith(b"\n") else 0), size,
            statistics.median(samples), min(samples), timed.cpu_per_request, a.n))


if __name__ == "__main__":
    sys.exit(main())
