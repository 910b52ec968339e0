#!/usr/bin/env python3
"""daemon-ready.py [-n RUNS] [-p PATH] [--root ROOT] [--kill] [NAME=LAUNCHER ...]

Time to first answer of a fresh `cairn daemon`: from the fork of `LAUNCHER daemon --root R` to the
first complete `HTTP/1.1 200` answer to `GET PATH` (default /_ping) on R/cairn.sock. The socket is
polled every 2 ms by a raw connect + request (no client JVM); a refused or reset connection, or an
answer other than 200, is "not ready yet". The figure is the daemon's whole start as a client that
auto-starts it pays it: JVM, class loading, journal and index open, recovery, Jetty.

Each run uses a new empty root (default), or ROOT as it is (--root: a prepared root, e.g. a 1M-entry
journal from io.cairn.bench.rebuild.RebuildRoot; the daemon stops cleanly between runs, or with --kill is
killed with SIGKILL once it has answered, so that every timed start is a restart after a crash: no
journal seal, stale lock, pid and socket files). LAUNCHERs are
alternated run by run (default: cairn=<repo>/bin/cairn); one warm-up round first. Prints, per
launcher, the median and min wall ms to the first answer and the median CPU ms (user + sys) the
daemon had used by then (/proc/PID/stat of the JVM), and the daemon's own "ready in N ms" log line.
"""
import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TICK = os.sysconf("SC_CLK_TCK")


def answered(sock_path, path):
    """True when GET path on the socket answers 200 with a complete body."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    try:
        s.connect(sock_path)
        s.sendall(("GET %s HTTP/1.1\r\nHost: cairn\r\nConnection: close\r\n\r\n" % path).encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        return data.startswith(b"HTTP/1.1 200") and b"\r\n\r\n" in data
    except OSError:
        return False
    finally:
        s.close()


def cpu_ms(pid):
    """user + sys of the process (the JVM: bin/cairn execs it, so the pid is the launcher's)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / TICK
    except OSError:
        return float("nan")


def one(launcher, root, path, log, kill=False):
    sock = os.path.join(root, "cairn.sock")
    t0 = time.monotonic()
    p = subprocess.Popen([launcher, "daemon", "--root", root], stdin=subprocess.DEVNULL,
                         stdout=log, stderr=log, start_new_session=True)
    try:
        while True:
            if os.path.exists(sock) and answered(sock, path):
                wall = (time.monotonic() - t0) * 1000.0
                cpu = cpu_ms(p.pid)
                return wall, cpu
            if p.poll() is not None:
                raise RuntimeError("daemon exited with %d before answering (log: %s)" % (p.returncode, log.name))
            time.sleep(0.002)
            if time.monotonic() - t0 > 120:
                raise RuntimeError("no answer after 120 s")
    finally:
        p.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        p.wait(60)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10, help="timed runs per launcher (default 10; 0: one run, no warm-up)")
    ap.add_argument("-p", default="/_ping", help="the request path (default /_ping; /info reads the index)")
    ap.add_argument("--root", help="a prepared root used by every run, as it is")
    ap.add_argument("--kill", action="store_true", help="SIGKILL each daemon once it answered (crash restarts)")
    ap.add_argument("launchers", nargs="*", help="NAME=LAUNCHER (default cairn=bin/cairn)")
    a = ap.parse_args()
    launchers = [l.split("=", 1) for l in a.launchers] or [["cairn", os.path.join(REPO, "bin", "cairn")]]
    work = tempfile.mkdtemp(prefix="cairn-ready.")
    samples = {name: [] for name, _ in launchers}
    ready_logged = {name: [] for name, _ in launchers}
    try:
        for r in range(a.n + 1):
            for name, launcher in launchers:
                root = a.root or os.path.join(work, "root-%s-%d" % (name, r))
                os.makedirs(root, mode=0o700, exist_ok=True)  # as cairn makes a root
                logname = os.path.join(work, "%s-%d.log" % (name, r))
                with open(logname, "w+") as log:
                    wall, cpu = one(launcher, root, a.p, log, a.kill)
                with open(logname) as log:
                    for line in log:
                        if "ready in " in line:
                            ready_logged[name].append(int(line.rsplit("ready in ", 1)[1].split()[0]))
                if not a.root:
                    shutil.rmtree(root, ignore_errors=True)
                if r > 0 or a.n == 0:  # round 0 is the warm-up, unless -n 0 asks for that one run only
                    samples[name].append((wall, cpu))
        print("run: %s UTC, load average at end: %s, GET %s, %d runs each (+1 warm-up)%s" % (
            time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()), open("/proc/loadavg").read().split()[:3], a.p, a.n,
            (", root " + a.root if a.root else ", empty root each run") + (", each killed (SIGKILL)" if a.kill else "")))
        print("| daemon | median ms to first answer | min | median CPU ms by then | median 'ready in' (daemon log) |")
        print("|---|---|---|---|---|")
        for name, _ in launchers:
            walls = [w for w, _ in samples[name]]
            cpus = [c for _, c in samples[name]]
            logged = ready_logged[name][1:] if a.n > 0 else ready_logged[name]
            print("| %s | %.0f | %.0f | %.0f | %s |" % (name, statistics.median(walls), min(walls),
                  statistics.median(cpus), "%.0f" % statistics.median(logged) if logged else "-"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
