#!/usr/bin/env python3
"""container-phases.py STRACE_FILE MARKS_FILE - per-phase timeline of cairn container runs.

STRACE_FILE: `strace -f -ttt -s 300 -e trace=execve,clone,clone3,vfork,openat,fsopen,move_mount,umount2,mount
-e signal=none -p DAEMON` of the daemon (children followed: sh, conmon, runc, the container).
MARKS_FILE: one line per container run from container-profile.sh:
`NAME T_START CREATE_S START_S WAIT_S DELETE_S` (epoch seconds and curl's time_total per request on one
connection, so request k ends at T_START + the sum of the first k totals).

For each run it finds, between the run's start and the end of its DELETE: overlay mount
(fsmount/move_mount or mount), config.json written, conmon launched, each runc command's exec and exit,
the container's `true` exec and exit, conmon's exit file written and the daemon's first successful
read of it, and umount2. Prints the median over runs of each phase's start and duration (ms from the
run's create request) and one run's full timeline.
"""
import re
import statistics
import sys

LINE = re.compile(r'^(\d+)\s+(\d+\.\d+)\s+(.*)$')
EXEC = re.compile(r'execve\("([^"]+)", \[(.*?)\]')


def parse(path):
    events, argv_of = [], {}
    pending = {}
    for raw in open(path, errors='replace'):
        m = LINE.match(raw.strip())
        if not m:
            continue
        pid, t, rest = int(m.group(1)), float(m.group(2)), m.group(3)
        if '<unfinished ...>' in rest:
            pending[pid] = rest.replace('<unfinished ...>', '')
            continue
        r = re.match(r'<\.\.\. (\w+) resumed>(.*)', rest)
        if r and pid in pending:
            rest = pending.pop(pid) + r.group(2)
        if rest.startswith('+++ exited'):
            events.append((t, pid, 'exit', argv_of.get(pid, ''), rest))
            continue
        c = re.match(r'(clone3?|vfork|fork)\(.*\)\s+=\s+(\d+)', rest)
        if c:  # a forked child is its parent until it execs (conmon's monitor, runc's children)
            argv_of[int(c.group(2))] = argv_of.get(pid, 'daemon')
            continue
        e = EXEC.match(rest)
        if e and not rest.rstrip().endswith('= -1 ENOENT (No such file or directory)'):
            args = re.findall(r'"((?:[^"\\]|\\.)*)"', e.group(2))
            argv_of[pid] = describe(args)
            events.append((t, pid, 'exec', argv_of[pid], rest))
            continue
        events.append((t, pid, 'call', argv_of.get(pid, 'daemon'), rest))
    events.sort()
    return events


def describe(args):
    name = args[0].rsplit('/', 1)[-1] if args else '?'
    if name == 'runc':
        verbs = [a for a in args[1:] if not a.startswith('-') and not a.startswith('/')]
        return 'runc ' + (verbs[0] if verbs else '?')
    if name == 'sh' and 'conmon-launch' in args:
        return 'sh (conmon launcher)'
    return name


def phases(events, t0, t_end):
    """(label, start, end) of each phase in [t0, t_end]; times absolute."""
    out, open_procs = [], {}
    for t, pid, kind, who, text in events:
        if t < t0 or t > t_end:
            continue
        if kind == 'exec':
            open_procs[pid] = (who, t)
        elif kind == 'exit' and pid in open_procs:
            who0, ts = open_procs.pop(pid)
            if who0.startswith('runc') or who0 in ('conmon', 'true', 'sh (conmon launcher)'):
                out.append((who0 + ' (exec to exit)', ts, t))
        elif kind == 'call':
            if who != 'daemon' and not who.startswith('runc') and text.startswith('exit_group('):
                continue
            if who == 'daemon' and text.startswith('fsopen('):
                open_procs['fsopen'] = ('', t)
            elif who == 'daemon' and text.startswith('move_mount(') and 'fsopen' in open_procs:
                out.append(('overlay mount (fsopen to move_mount)', open_procs.pop('fsopen')[1], t))
            elif who == 'daemon' and text.startswith('mount(') and 'overlay' in text:
                out.append(('overlay mount (mount(2))', t, t))
            elif text.startswith('umount2(') and who == 'daemon' and '/rootfs' in text:
                out.append(('umount2 rootfs (daemon)', t, t))
            elif 'config.json' in text and 'O_CREAT' in text and who == 'daemon':
                out.append(('config.json written (open)', t, t))
            elif '/exits/' in text and 'O_CREAT' in text:
                out.append(('exit file created (' + who + ')', t, t))
            elif '/exits/' in text and who == 'daemon' and not text.rstrip().endswith('(No such file or directory)'):
                out.append(('exit file read by daemon', t, t))
    return out


def main():
    events = parse(sys.argv[1])
    runs = []
    for line in open(sys.argv[2]):
        f = line.split()
        if len(f) < 6:
            continue
        t0 = float(f[1])
        d = [float(x) for x in f[2:6]]
        ends = [t0 + sum(d[:i + 1]) for i in range(4)]
        runs.append((f[0], t0, ends))
    table = {}
    example = None
    for name, t0, ends in runs:
        ph = phases(events, t0, ends[3] + 0.05)
        seen = {}
        for label, s, e in ph:
            if label in seen:  # first occurrence per run (runc delete runs twice: before start and at exit)
                label = label + ' #2'
                if label in seen:
                    continue
            seen[label] = (s, e)
            table.setdefault(label, []).append(((s - t0) * 1e3, (e - s) * 1e3))
        for i, req in enumerate(['create req', 'start req', 'wait req', 'delete req']):
            s = t0 if i == 0 else ends[i - 1]
            table.setdefault('(' + req + ')', []).append(((s - t0) * 1e3, (ends[i] - s) * 1e3))
        if example is None:
            example = (name, t0, ends, ph)
    print('runs: %d; ms from the create request\'s start (median over runs)' % len(runs))
    print('| phase | n | at (median ms) | duration (median ms) |\n|---|---|---|---|')
    for label, vals in sorted(table.items(), key=lambda kv: statistics.median(v[0] for v in kv[1])):
        print('| %s | %d | %.1f | %.1f |' % (label, len(vals), statistics.median(v[0] for v in vals),
                                         statistics.median(v[1] for v in vals)))
    if example:
        name, t0, ends, ph = example
        print('\none run (%s), ms from its start; requests end at %s' % (
            name, ', '.join('%.1f' % ((e - t0) * 1e3) for e in ends)))
        for label, s, e in sorted(ph, key=lambda p: p[1]):
            print('  %8.1f  %-40s %s' % ((s - t0) * 1e3, label, '' if e == s else '%.1f ms' % ((e - s) * 1e3)))


if __name__ == '__main__':
    main()
