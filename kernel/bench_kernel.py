"""Measures the nnlab Java kernel's start time and per-cell overhead (a benchmark, not a test).

    .venv/bin/python kernel/bench_kernel.py [--starts 3] [--cells 30]
    .venv/bin/python kernel/bench_kernel.py --prints 20000 [--kernel python3]

Prints, for the kernelspec "java" of this Python environment:
  - start to ready: from launching the kernel until it answers kernel_info (the front end shows it idle),
  - start to first result: until the first cell (1 + 1) has replied,
  - cell round trip: median and 90th percentile over trivial cells, from execute_request to execute_reply.
With --prints N it instead times one cell printing N lines (println in a loop) and counts the stream
messages and lines that arrive; --kernel python3 runs the same loop on ipykernel, for comparison.
Wall times depend on what else the machine runs, so the CPU time the kernel process used is printed too
(Linux only): on a busy machine it tells what the kernel itself costs.
"""
import argparse
import os
import statistics
import time

from jupyter_client.manager import KernelManager


def run(kc, code, timeout=60):
    msg_id = kc.execute(code)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            assert reply["content"]["status"] == "ok", reply["content"]
            return


def cpu_seconds(km):
    """User + system CPU time of the kernel process so far, or None where /proc is missing."""
    try:
        with open(f"/proc/{km.provisioner.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError, IndexError, ValueError):
        return None


def one_start():
    t0 = time.perf_counter()
    km = KernelManager(kernel_name="java")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    ready = time.perf_counter() - t0
    run(kc, "1 + 1")
    first = time.perf_counter() - t0
    return km, kc, ready, first, cpu_seconds(km)


PRINT_LOOPS = {
    "java": "for (int i = 0; i < %d; i++) System.out.println(\"line \" + i);",
    "python3": "for i in range(%d): print('line', i)",
}


def print_heavy_cell(kernel_name, lines, repeats):
    """Wall time, stream messages and lines received for a cell printing `lines` lines, best of `repeats`."""
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    run(kc, PRINT_LOOPS[kernel_name] % 10)  # warm-up: the first cell compiles the loop's classes
    best = None
    try:
        for _ in range(repeats):
            while True:  # drop what the warm-up left on IOPub
                try:
                    kc.get_iopub_msg(timeout=0.2)
                except Exception:
                    break
            t0 = time.perf_counter()
            msg_id = kc.execute(PRINT_LOOPS[kernel_name] % lines)
            messages, text, idle = 0, [], False
            while not idle:
                try:
                    msg = kc.get_iopub_msg(timeout=120 if not messages else 10)
                except Exception:  # a kernel that drops messages may drop its idle status too
                    break
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "stream":
                    messages += 1
                    text.append(msg["content"]["text"])
                idle = msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
            seconds = time.perf_counter() - t0 - (0 if idle else 10)
            received = "".join(text).splitlines()
            complete = received == ["line %d" % i for i in range(lines)]
            if best is None or seconds < best[0]:
                best = (seconds, messages, len(received), complete)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=3, help="kernel starts to time (default 3)")
    parser.add_argument("--cells", type=int, default=30, help="trivial cells to time (default 30)")
    parser.add_argument("--prints", type=int, metavar="N", help="time a cell printing N lines instead")
    parser.add_argument("--kernel", default="java", choices=sorted(PRINT_LOOPS), help="kernelspec for --prints")
    parser.add_argument("--repeats", type=int, default=3, help="runs of the --prints cell, best taken (default 3)")
    args = parser.parse_args()
    if args.prints:
        seconds, messages, received, complete = print_heavy_cell(args.kernel, args.prints, args.repeats)
        print("%s: cell printing %d lines, best of %d: %.2f s, %d stream messages, %d lines received%s  [varies]"
              % (args.kernel, args.prints, args.repeats, seconds, messages, received,
                 "" if complete else " (LINES LOST OR OUT OF ORDER)"))
        print("load average while measuring: %.1f on %d cores  [varies]" % (os.getloadavg()[0], os.cpu_count()))
        return

    readies, firsts, cpus = [], [], []
    for i in range(args.starts):
        km, kc, ready, first, cpu = one_start()
        readies.append(ready)
        firsts.append(first)
        cpus.append(cpu)
        if i < args.starts - 1:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    cells = ["int i%d = %d;" % (n, n) if n % 2 else "i%d + 1" % (n - 1) for n in range(1, 2 * args.cells + 1)]
    times = []
    cpu_before = cpu_seconds(km)
    for code in cells[: args.cells]:
        t0 = time.perf_counter()
        run(kc, code)
        times.append(time.perf_counter() - t0)
    cpu_after = cpu_seconds(km)
    kc.stop_channels()
    km.shutdown_kernel(now=True)

    ms = lambda s: "%.0f ms" % (s * 1000)
    print("kernel start to ready (kernel_info reply), median of %d: %s  [varies]" % (args.starts, ms(statistics.median(readies))))
    print("kernel start to first execute_reply,      median of %d: %s  [varies]" % (args.starts, ms(statistics.median(firsts))))
    print("trivial cell round trip, median of %d:              %s  [varies]" % (len(times), ms(statistics.median(times))))
    print("trivial cell round trip, 90th percentile:           %s  [varies]" % ms(statistics.quantiles(times, n=10)[-1]))
    if None not in cpus and cpu_before is not None and cpu_after is not None:
        print("kernel CPU time up to the first execute_reply, median: %s  [varies]" % ms(statistics.median(cpus)))
        print("kernel CPU time per trivial cell, mean:              %s  [varies]" % ms((cpu_after - cpu_before) / len(times)))
    print("load average while measuring: %.1f on %d cores  [varies]" % (os.getloadavg()[0], os.cpu_count()))


if __name__ == "__main__":
    main()
