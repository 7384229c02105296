#!/usr/bin/env python3
"""A class over SSH under load: many students at once through a real sshd on loopback.

Starts sshd (as root: it needs its privilege-separation directory) on a free 127.0.0.1 port
with a test host key and the authorized_keys `spinesim class keys` writes for a generated
roster, then connects SESSIONS students at once with `ssh -tt ... play 1` and has each play
the same scripted case, pausing a random "think time" between commands. It reports:

  connect   time from starting ssh to the case's first prompt (key exchange, login,
            forced command, loading the class and its cases)
  command   time from sending a command to the next prompt (median, p99)
  memory    proportional set size (Pss, /proc/PID/smaps_rollup) of every sshd and spinesim
            process serving the class, over the session count, with every session open

Not a test: figures depend on the machine. Build first: swift build -c release
Usage: sudo Benchmarks/ssh-class-bench.py [--binary .build/release/spinesim] [--sessions 200]
"""
import argparse
import logging
import asyncio
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS = ["ask onset", "ask radiation", "ask bladder", "examine palpation",
            "examine straight-leg-raise", "examine lower-limb-power", "chart", "advise stay-active",
            "give ibuprofen", "wait 2d"]
ANSI = re.compile(rb"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-B]|[=>])")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def descendants(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return out


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def command_name(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


class Student:
    def __init__(self, number, argv, think, delay):
        self.number, self.argv, self.think, self.delay = number, argv, think, delay
        self.arrived = False
        self.connect = None
        self.latencies = []
        self.end_latency = None
        self.error = None
        self.buffer = b""

    async def until_prompt(self, timeout=120):
        """Reads until the screen ends with a prompt ("... > ")."""
        deadline = time.monotonic() + timeout
        while True:
            text = ANSI.sub(b"", self.buffer).replace(b"\r", b"")
            if text.rstrip(b" ").endswith(b">") and b"\n" in text:
                self.buffer = b""
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no prompt; last output: {text[-200:]!r}")
            chunk = await asyncio.wait_for(self.proc.stdout.read(65536), remaining)
            if not chunk:
                raise EOFError(f"connection closed; last output: {text[-200:]!r}")
            self.buffer += chunk

    async def run(self, all_connected, all_ready, measured):
        await asyncio.sleep(self.delay)
        start = time.monotonic()
        self.proc = await asyncio.create_subprocess_exec(
            *self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            await self.until_prompt()
            self.connect = time.monotonic() - start
            all_connected.arrive()
            await all_connected.wait()
            for command in COMMANDS:
                await asyncio.sleep(random.uniform(*self.think))
                self.buffer = b""
                sent = time.monotonic()
                self.proc.stdin.write(command.encode() + b"\r")
                await self.proc.stdin.drain()
                await self.until_prompt()
                self.latencies.append(time.monotonic() - sent)
            all_ready.release()
            await measured.wait()
            sent = time.monotonic()
            self.proc.stdin.write(b"end\r")
            await self.proc.stdin.drain()
            await self.proc.stdout.read()
            self.end_latency = time.monotonic() - sent
        except Exception as error:  # reported, not fatal: the others go on
            self.error = f"{type(error).__name__}: {error}"
            all_connected.arrive()
            all_ready.release()
        finally:
            if self.proc.returncode is None:
                try:
                    self.proc.kill()
                except ProcessLookupError:
                    pass
            await self.proc.wait()


class Barrier:
    """Commands start once every session is connected (or has failed), so that command
    latency is measured with all sessions open and none still starting."""
    def __init__(self, count):
        self.count, self.event = count, asyncio.Event()

    def arrive(self):
        self.count -= 1
        if self.count <= 0:
            self.event.set()

    async def wait(self):
        await self.event.wait()


async def drive(students, sshd_pid, count):
    all_connected = Barrier(count)
    all_ready = asyncio.Semaphore(0)
    measured = asyncio.Event()
    tasks = [asyncio.create_task(s.run(all_connected, all_ready, measured)) for s in students]
    for _ in students:
        await all_ready.acquire()
    # Every session is open and has played its commands: measure memory now.
    pids = [p for p in descendants(sshd_pid)]
    by_name = {}
    for p in pids:
        name = command_name(p)
        by_name.setdefault(name, [0, 0])
        by_name[name][0] += 1
        by_name[name][1] += pss_kib(p)
    measured.set()
    await asyncio.gather(*tasks)
    return by_name


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--binary", default=os.path.join(root, ".build/release/spinesim"))
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 3.0], metavar=("MIN", "MAX"),
                        help="seconds a student pauses before each command (default 1 3)")
    parser.add_argument("--stagger", type=float, default=0.0, metavar="SECONDS",
                        help="spread the connections over this many seconds (default 0: all at once)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # its child watcher grumbles about sshd
    if os.geteuid() != 0:
        sys.exit("run as root: sshd needs its privilege-separation directory and to log in a user")
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary}: not built; run swift build -c release")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    work = tempfile.mkdtemp(prefix="spinesim-ssh-bench-")
    os.makedirs("/run/sshd", exist_ok=True)
    user = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    keygen = lambda path: subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path], check=True)
    keygen(f"{work}/host")
    roster = []
    for i in range(args.sessions):
        keygen(f"{work}/s{i}")
        with open(f"{work}/s{i}.pub") as f:
            roster.append(f"  - id: s{i}\n    keys: [\"{f.read().strip()}\"]\n")
    with open(f"{work}/class.yaml", "w") as f:
        f.write("class: bench\nspool: spool\npractice: [mechanical-strain]\nroster:\n" + "".join(roster))
    keys = subprocess.run([binary, "class", "keys", f"{work}/class.yaml", "--binary", binary],
                          capture_output=True, text=True, check=True).stdout
    with open(f"{work}/authorized_keys", "w") as f:
        f.write(keys)
    port = free_port()
    with open(f"{work}/sshd_config", "w") as f:
        f.write(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {work}/host
PidFile {work}/sshd.pid
AuthorizedKeysFile {work}/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers {user}
PrintMotd no
PrintLastLog no
MaxStartups {args.sessions * 2}
MaxSessions {args.sessions * 2}
LoginGraceTime 300
LogLevel ERROR
""")
    sshd = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", f"{work}/sshd_config"],
                            stderr=open(f"{work}/sshd.log", "w"))
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        common = ["-F", "/dev/null", "-p", str(port), "-o", "StrictHostKeyChecking=no",
                  "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                  "-o", "LogLevel=ERROR"]
        students = [Student(i, ["ssh", "-tt", "-i", f"{work}/s{i}"] + common + [f"{user}@127.0.0.1", "play 1"],
                            args.think, args.stagger * i / max(args.sessions, 1)) for i in range(args.sessions)]
        with open("/proc/loadavg") as f:
            load_before = f.read().split()[0]
        began = time.monotonic()
        by_name = asyncio.run(drive(students, sshd.pid, args.sessions))
        elapsed = time.monotonic() - began
    finally:
        sshd.terminate()
        sshd.wait()

    failed = [s for s in students if s.error]
    ok = [s for s in students if not s.error]
    connects = [s.connect for s in ok]
    latencies = [l for s in ok for l in s.latencies]
    ends = [s.end_latency for s in ok if s.end_latency is not None]
    total_pss = sum(v[1] for v in by_name.values())
    ms = lambda seconds: f"{seconds * 1000:.1f} ms"
    print(f"sessions: {args.sessions} concurrent ({len(ok)} completed, {len(failed)} failed), "
          f"{len(COMMANDS)} commands each, think time {args.think[0]}-{args.think[1]} s, "
          f"connections spread over {args.stagger} s, {elapsed:.1f} s in all")
    try:
        with open("/proc/loadavg") as f:
            print(f"load average before the run: {load_before}; after: {f.read().split()[0]}")
    except OSError:
        pass
    print(f"cores: {os.cpu_count()}; binary: {binary}")
    if connects:
        print(f"connect:  median {ms(statistics.median(connects))}, p99 {ms(percentile(connects, 99))}, max {ms(max(connects))}")
    if latencies:
        print(f"command:  median {ms(statistics.median(latencies))}, p99 {ms(percentile(latencies, 99))}, "
              f"max {ms(max(latencies))} ({len(latencies)} commands)")
    if ends:
        print(f"end (grade and debrief): median {ms(statistics.median(ends))}, p99 {ms(percentile(ends, 99))}")
    for name, (count, kib) in sorted(by_name.items()):
        print(f"  {name}: {count} processes, Pss {kib / 1024:.1f} MiB")
    print(f"memory:   {total_pss / 1024:.1f} MiB Pss for sshd and spinesim, "
          f"{total_pss / 1024 / max(args.sessions, 1):.2f} MiB per session")
    for s in failed[:5]:
        print(f"  student s{s.number} failed: {s.error}")
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
