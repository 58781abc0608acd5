"""Measures the nnlab Java kernel's start time and per-cell overhead (a benchmark, not a test).

    .venv/bin/python kernel/bench_kernel.py [--starts 3] [--cells 30]

Prints, for the kernelspec "java" of this Python environment:
  - start to ready: from launching the kernel until it answers kernel_info (the front end shows it idle),
  - start to first result: until the first cell (1 + 1) has replied,
  - cell round trip: median and 90th percentile over trivial cells, from execute_request to execute_reply.
"""
import argparse
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
    return km, kc, ready, first


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=3, help="kernel starts to time (default 3)")
    parser.add_argument("--cells", type=int, default=30, help="trivial cells to time (default 30)")
    args = parser.parse_args()

    readies, firsts = [], []
    for i in range(args.starts):
        km, kc, ready, first = one_start()
        readies.append(ready)
        firsts.append(first)
        if i < args.starts - 1:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    cells = ["int i%d = %d;" % (n, n) if n % 2 else "i%d + 1" % (n - 1) for n in range(1, 2 * args.cells + 1)]
    times = []
    for code in cells[: args.cells]:
        t0 = time.perf_counter()
        run(kc, code)
        times.append(time.perf_counter() - t0)
    kc.stop_channels()
    km.shutdown_kernel(now=True)

    ms = lambda s: "%.0f ms" % (s * 1000)
    print("kernel start to ready (kernel_info reply), median of %d: %s  [varies]" % (args.starts, ms(statistics.median(readies))))
    print("kernel start to first execute_reply,      median of %d: %s  [varies]" % (args.starts, ms(statistics.median(firsts))))
    print("trivial cell round trip, median of %d:              %s  [varies]" % (len(times), ms(statistics.median(times))))
    print("trivial cell round trip, 90th percentile:           %s  [varies]" % ms(statistics.quantiles(times, n=10)[-1]))


if __name__ == "__main__":
    main()
