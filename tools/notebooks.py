"""Execute nnlab's notebooks headless, export them, and compare their outputs with the committed ones.

    python tools/notebooks.py run  [--update] [--timeout S] [NOTEBOOK ...]
    python tools/notebooks.py test [--timeout S] [--jjava DIR [--jjava-jvm-opts OPTS]] [NOTEBOOK ...]

`run` executes each notebook in its own folder (so `%classpath ../lib/target/nnlab.jar` resolves), writes the
executed copy to build/notebooks/ and an HTML export to build/html/ (same layout as notebooks/), and
prints a summary. `--update` also writes the executed notebook back over the committed one.
`test` executes each notebook and fails when a text output differs from the committed one. Lines
containing the marker `[varies]` are not compared, nor lines matching one of the regular expressions a
cell lists in its metadata under `nnlab.varies` (so timings need no marker in what the reader sees):
    "metadata": {"nnlab": {"varies": ["^\\d+ networks trained in "]}}
Images must be present but are not compared.
`--jjava DIR` runs them on JJava instead of the project's kernel: DIR is a JJava kernelspec folder (its
kernel.json beside jjava.jar and jjava-launcher.jar, e.g. the unzipped jjava-*-kernelspec.zip of a JJava
build); it is installed as kernelspec `java` under build/jjava/ with JJAVA_JVM_OPTS set to --jjava-jvm-opts
(default: the Vector API module and headless AWT, as the project's kernel runs; pass '' for JJava's stock
options, which run the library on EJML).
Without NOTEBOOK arguments every notebook under notebooks/, notebooks/exercises/, notebooks/templates/
is taken.
"""
from __future__ import annotations

import argparse
import copy
import difflib
import os
import re
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIRS = ("notebooks", "notebooks/exercises", "notebooks/exercises/solutions", "notebooks/templates")
KERNEL_NAME = "java"
VARIES_MARKER = "[varies]"
CHECK_PREFIX = "✔ "
DEFAULT_TIMEOUT = 300
DIFF_LINES = 20
JJAVA_JVM_OPTS = "--add-modules jdk.incubator.vector -Djava.awt.headless=true"
TRACEBACK_LINES = 30

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# numbers in text outputs agree when they differ only by rounding: other CPUs and the two matrix backends
# add in other orders, which moves the last bits of a result and the size of a |Δ| near 1e-16
REL_TOLERANCE = 1e-9
ABS_TOLERANCE = 1e-12
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_IMAGE_PREFIX = "image/"


class NotebookError(Exception):
    """A notebook that cannot be executed or compared; the message says where and what to do."""


@dataclass
class Result:
    """What happened to one notebook: the row of the summary table."""

    name: str
    cells: int
    seconds: float = 0.0
    checks: int = 0
    problems: List[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def discover(root: Path = ROOT) -> List[Path]:
    """Every notebook in the notebook folders, sorted by folder then name (checkpoint folders are not searched)."""
    found: List[Path] = []
    for folder in NOTEBOOK_DIRS:
        found.extend(sorted((root / folder).glob("*.ipynb")))
    return found


def _relative_to(path: Path, base: Path) -> Optional[str]:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return None


def display_name(path: Path, root: Path = ROOT) -> str:
    """The notebook's path relative to notebooks/ (or its file name when it lives elsewhere)."""
    return _relative_to(path, root / "notebooks") or path.name


def require_java_kernel(nb, name: str) -> None:
    """Refuses notebooks written for another kernel: their cells would run in the wrong language."""
    spec = nb.metadata.get("kernelspec") or {}
    actual = spec.get("name")
    if actual != KERNEL_NAME:
        found = f"kernel '{actual}'" if actual else "no kernelspec"
        raise NotebookError(
            f"{name}: expected a notebook for kernel '{KERNEL_NAME}' but found {found}. "
            f"Open it in JupyterLab (./lab.sh), choose Kernel > Change Kernel > Java, and save it.")


def code_cells(nb) -> List[tuple]:
    """(1-based position among all cells, cell) for every code cell."""
    return [(i, c) for i, c in enumerate(nb.cells, start=1) if c.cell_type == "code"]


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def varying_patterns(cell) -> List["re.Pattern"]:
    """The cell's `nnlab.varies` metadata: regular expressions of output lines that legitimately vary."""
    listed = (cell.get("metadata", {}).get("nnlab") or {}).get("varies") or []
    if isinstance(listed, str):
        listed = [listed]
    try:
        return [re.compile(p) for p in listed]
    except re.error as e:
        raise NotebookError(f"cell metadata nnlab.varies has a pattern that is not a regular expression ({e}); "
                            f"fix it in the notebook (Property Inspector in JupyterLab)") from None


def _clean(text: str, varies: Sequence["re.Pattern"] = ()) -> List[str]:
    """Lines as compared: colour codes removed, trailing blanks dropped, `[varies]` lines and lines
    matching one of `varies` left out."""
    lines = _ANSI.sub("", text).replace("\r\n", "\n").split("\n")
    return [line.rstrip() for line in lines
            if VARIES_MARKER not in line and not any(p.search(line) for p in varies)]


# JJava reports an exception a cell throws as ename RuntimeException, evalue "its.Class, its message"
_JJAVA_WRAPPED = re.compile(r"^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+), (.*)$", re.S)


def error_identity(out) -> tuple:
    """(exception class, message) of an error output, the same under JJava and the project's kernel."""
    if out.ename == "RuntimeException":
        wrapped = _JJAVA_WRAPPED.match(out.evalue)
        if wrapped:
            return wrapped.group(1), wrapped.group(2)
    return out.ename, out.evalue


def output_lines(cell, tracebacks: bool = True) -> List[str]:
    """The cell's text outputs as labelled lines, in order; consecutive chunks of one stream are joined
    because the kernel may flush a stream in differently sized pieces from run to run. An error is its
    exception's class and message, then (with `tracebacks`) its traceback, which is each kernel's own."""
    lines: List[str] = []
    stream, buffer = None, ""
    varies = varying_patterns(cell)

    def flush() -> None:
        if stream is not None:
            lines.append(f"[{stream}]")
            lines.extend(_clean(buffer.rstrip("\n"), varies))

    for out in cell.get("outputs", []):
        if out.output_type == "stream" and out.name == stream:
            buffer += _text(out.text)
            continue
        flush()
        stream, buffer = None, ""
        if out.output_type == "stream":
            stream, buffer = out.name, _text(out.text)
        elif out.output_type == "error":
            lines.append("[error] {}: {}".format(*error_identity(out)))
            if tracebacks:
                lines.extend(_clean("\n".join(out.traceback), varies))
        else:
            data = out.get("data", {})
            # an image's text/plain is an object's identity (changes every run); the image is checked apart
            has_image = any(mime.startswith(_IMAGE_PREFIX) for mime in data)
            for mime in sorted(data):
                if mime.startswith("text/") and not (has_image and mime == "text/plain"):
                    lines.append(f"[{out.output_type} {mime}]")
                    lines.extend(_clean(_text(data[mime]).rstrip("\n"), varies))
    flush()
    return lines


def image_counts(cell) -> Counter:
    """How many outputs of each image type the cell has."""
    counts: Counter = Counter()
    for out in cell.get("outputs", []):
        counts.update(m for m in out.get("data", {}) if m.startswith(_IMAGE_PREFIX))
    return counts


def count_checks(nb) -> int:
    """Lines of text output that start with the check mark printed by the library's passing checks."""
    total = 0
    for _, cell in code_cells(nb):
        for out in cell.get("outputs", []):
            texts = [_text(out.text)] if out.output_type == "stream" else [
                _text(out.get("data", {}).get("text/plain", ""))]
            total += sum(line.startswith(CHECK_PREFIX) for t in texts for line in t.splitlines())
    return total


def unexecuted_cells(nb) -> List[int]:
    """Positions of code cells with source that were never executed (no execution count)."""
    return [i for i, c in code_cells(nb)
            if c.source.strip() and c.get("execution_count") is None
            and "skip-execution" not in c.metadata.get("tags", [])]


def missing_outputs_problem(nb, name: str, path: Optional[Path] = None) -> Optional[str]:
    """A message when the committed notebook has no outputs to compare with, else None."""
    missing = unexecuted_cells(nb)
    if not missing:
        return None
    which = "no cell" if len(missing) == len(code_cells(nb)) else "cells " + ", ".join(map(str, missing))
    command = "./run.sh --update" + (f" {_relative_to(path, ROOT) or path}" if path else "")
    return (f"{name}: committed without outputs ({which} executed), so there is nothing to compare with. "
            f"Run {command} and commit the notebook with its outputs.")


def _first_line(cell) -> str:
    line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
    return line if len(line) <= 60 else line[:57] + "..."


def _numbers_agree(a: str, b: str) -> bool:
    x, y = float(a), float(b)
    return abs(x - y) <= max(ABS_TOLERANCE, REL_TOLERANCE * max(abs(x), abs(y)))


def lines_agree(before: str, after: str) -> bool:
    """Equal lines, or lines whose text is equal and whose numbers differ only by rounding."""
    if before == after:
        return True
    if _NUMBER.split(before) != _NUMBER.split(after):
        return False
    numbers_before, numbers_after = _NUMBER.findall(before), _NUMBER.findall(after)
    return all(_numbers_agree(a, b) for a, b in zip(numbers_before, numbers_after))


def outputs_agree(before: List[str], after: List[str]) -> bool:
    return len(before) == len(after) and all(lines_agree(a, b) for a, b in zip(before, after))


def compare(committed, executed, name: str, tracebacks: bool = True) -> List[str]:
    """Differences between the committed and the re-executed notebook, one message per cell; without
    `tracebacks` (another kernel) errors are compared by exception class and message only."""
    problems: List[str] = []
    executed_cells = dict(code_cells(executed))
    for index, old in code_cells(committed):
        new = executed_cells.get(index)
        if new is None:
            problems.append(f"{name}, cell {index}: missing from the executed notebook")
            continue
        where = f"{name}, cell {index} ({_first_line(old)!r})"
        before, after = output_lines(old, tracebacks), output_lines(new, tracebacks)
        if not outputs_agree(before, after):
            diff = list(difflib.unified_diff(before, after, "committed", "executed", n=1, lineterm=""))
            shown = diff[:DIFF_LINES] + ([f"... {len(diff) - DIFF_LINES} more diff lines"]
                                         if len(diff) > DIFF_LINES else [])
            problems.append(f"{where}: text output differs\n" + "\n".join("    " + d for d in shown))
        lost = image_counts(old) - image_counts(new)
        if lost:
            kinds = ", ".join(f"{n} × {mime}" for mime, n in sorted(lost.items()))
            problems.append(f"{where}: image output missing after execution ({kinds})")
    return problems


def cell_error_message(name: str, index: int, cell) -> str:
    """Where a cell failed and the error's text, with the traceback shortened."""
    errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
    if not errors:
        return f"{name}, cell {index} ({_first_line(cell)!r}) failed without an error output"
    err = errors[-1]
    trace = [l for l in _ANSI.sub("", "\n".join(err.traceback)).splitlines() if l.strip()]
    if len(trace) > TRACEBACK_LINES:
        trace = trace[:TRACEBACK_LINES] + [f"... {len(trace) - TRACEBACK_LINES} more lines"]
    head = f"{name}, cell {index} ({_first_line(cell)!r}) failed: {err.ename}: {err.evalue}"
    return "\n".join([head] + ["    " + line for line in trace])


def merge_streams(nb) -> None:
    """Joins consecutive stream outputs of one stream in every code cell, as JupyterLab shows them. The
    kernel sends printed text every ~0.1 s, so a cell that prints while it computes arrives in pieces;
    committed notebooks and their HTML exports then hold one block per stream instead of fragments."""
    for _, cell in code_cells(nb):
        merged = []
        for out in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (out.output_type == "stream" and previous is not None and previous.output_type == "stream"
                    and previous.name == out.name):
                previous.text = _text(previous.text) + _text(out.text)
            else:
                merged.append(out)
        if "outputs" in cell:
            cell.outputs = merged


def install_jjava(jjava_dir: Path, jvm_opts: str, build: Path) -> Path:
    """Writes a kernelspec `java` for the JJava build in `jjava_dir` under build/kernels/; returns that
    kernels folder. The spec's {resource_dir} is replaced by jjava_dir, so the jars stay where they are."""
    import json

    source = jjava_dir / "kernel.json"
    if not source.is_file():
        raise NotebookError(f"--jjava {jjava_dir}: no kernel.json there. Give the folder of a JJava kernelspec "
                            f"(unzip jjava-distro/target/jjava-*-kernelspec.zip of a JJava build).")
    spec = json.loads(source.read_text(encoding="utf-8"))
    spec["argv"] = [a.replace("{resource_dir}", str(jjava_dir.resolve())) for a in spec["argv"]]
    spec["env"] = {**spec.get("env", {}), "JJAVA_JVM_OPTS": jvm_opts}
    kernels = build / "kernels"
    (kernels / KERNEL_NAME).mkdir(parents=True, exist_ok=True)
    (kernels / KERNEL_NAME / "kernel.json").write_text(json.dumps(spec, indent=2), encoding="utf-8")
    return kernels


class LiveEcho:
    """Prints, while a cell runs, the plain text of the outputs it replaces in place (a training run's
    progress, a score table), so a terminal running ./run.sh shows them too. Text that only grows prints
    its new lines; text that changed earlier lines prints again whole."""

    def __init__(self, write: Callable[[str], None], indent: str = "    "):
        self.write = write
        self.indent = indent
        self.shown: Dict[str, List[str]] = {}

    def message(self, msg) -> None:
        content = msg.get("content") or {}
        transient = content.get("transient") or {}
        display_id = transient.get("display_id")
        if msg.get("msg_type") not in ("display_data", "update_display_data") or not display_id:
            return
        lines = _text((content.get("data") or {}).get("text/plain", "")).splitlines()
        before = self.shown.get(display_id, [])
        new = lines[len(before):] if lines[:len(before)] == before else lines
        for line in new:
            self.write(self.indent + line)
        self.shown[display_id] = lines


def execute(nb, path: Path, name: str, timeout: int, kernel_dirs: Optional[Path] = None,
            echo: Optional[LiveEcho] = None):
    """Runs every cell in the notebook's own folder; raises NotebookError naming the failing cell.
    With `kernel_dirs`, the kernelspec `java` is taken from that folder alone (the JJava run); with
    `echo`, outputs replaced in place are also printed as they change."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    require_java_kernel(nb, name)
    current = {"index": 0}
    kernel_group = {}

    def on_start(cell, cell_index):
        current["index"] = cell_index + 1
        if km is not None and not kernel_group and hasattr(os, "killpg"):
            kernel_group["pgid"] = os.getpgid(km.provisioner.pid)

    km = None
    if kernel_dirs is not None:
        km = KernelManager(kernel_name=KERNEL_NAME,
                           kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernel_dirs)]))
    class Client(NotebookClient):
        def process_message(self, msg, cell, cell_index):
            if echo is not None:
                echo.message(msg)
            return super().process_message(msg, cell, cell_index)

    client = Client(nb, km=km, timeout=timeout, kernel_name=KERNEL_NAME, record_timing=False,
                    resources={"metadata": {"path": str(path.parent)}}, on_cell_start=on_start)
    index = lambda: current["index"]
    try:
        client.execute()
    except NoSuchKernel:
        raise NotebookError(f"{name}: no Jupyter kernel named '{KERNEL_NAME}' is installed in this Python "
                            f"environment ({sys.prefix}). Run ./run.sh, which builds and installs it.") from None
    except CellTimeoutError:
        raise NotebookError(f"{name}, cell {index()} ({_first_line(nb.cells[index() - 1])!r}): still running "
                            f"after {timeout} s. Make it faster or allow more with --timeout SECONDS.") from None
    except DeadKernelError as e:
        raise NotebookError(f"{name}, cell {index()}: the kernel died ({e}). "
                            f"Look for an out-of-memory error or a crash in the kernel's log.") from None
    except CellExecutionError:
        raise NotebookError(cell_error_message(name, index(), nb.cells[index() - 1])) from None
    finally:
        merge_streams(nb)
        if "pgid" in kernel_group:
            # JJava's launcher starts the kernel as a child JVM that outlives Jupyter's shutdown of the
            # launcher; both run in the launcher's own process group
            try:
                os.killpg(kernel_group["pgid"], signal.SIGKILL)
            except ProcessLookupError:
                pass
    return nb


def export_html(nb, dest: Path) -> None:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nb)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(body, encoding="utf-8")


def format_summary(results: Sequence[Result], title: str) -> str:
    """The table printed at the end: notebook, cells, seconds, checks passed, result."""
    header = ("notebook", "cells", "seconds", "checks", "result")
    rows = [(r.name, str(r.cells), f"{r.seconds:.1f}", str(r.checks), "ok" if r.passed else "FAILED")
            for r in results]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = lambda row: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                                 enumerate(zip(row, widths))).rstrip()
    out = [line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
    if not results:
        out.append("(no notebooks found)")
    failed = sum(not r.passed for r in results)
    out.append(f"{title}: {len(results) - failed} passed, {failed} failed")
    return "\n".join(out)


def process(path: Path, mode: str, timeout: int, build: Path, update: bool = False,
            kernel_dirs: Optional[Path] = None) -> Result:
    """Executes one notebook and, by mode, exports it ('run') or compares it ('test')."""
    name = display_name(path)
    try:
        committed = nbformat.read(path, as_version=4)
    except Exception as e:  # nbformat raises several types for unreadable JSON
        return Result(name, 0, problems=[f"{name}: not a readable notebook ({e}). Fix or re-save it."])
    result = Result(name, len(code_cells(committed)))
    try:
        require_java_kernel(committed, name)
    except NotebookError as e:
        result.problems.append(str(e))
        return result
    if mode == "test":
        missing = missing_outputs_problem(committed, name, path)
        if missing:
            result.problems.append(missing)
            return result
    executed = copy.deepcopy(committed)
    start = time.monotonic()
    try:
        echo = LiveEcho(lambda line: print(line, flush=True)) if mode == "run" else None
        execute(executed, path, name, timeout, kernel_dirs, echo)
    except NotebookError as e:
        result.problems.append(str(e))
    result.seconds = time.monotonic() - start
    result.checks = count_checks(executed)
    target = build / "notebooks" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(executed, target)
    if mode == "run":
        export_html(executed, (build / "html" / name).with_suffix(".html"))
        if update and result.passed:
            nbformat.write(executed, path)
    elif result.passed:
        result.problems.extend(compare(committed, executed, name, tracebacks=kernel_dirs is None))
    return result


def main(argv: Optional[Iterable[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("run", "test"),
                        help="run: execute and export; test: execute and compare with the committed outputs")
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to take (default: all)")
    parser.add_argument("--update", action="store_true",
                        help="run mode: write the executed notebooks back into their files")
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"limit for one cell (default {DEFAULT_TIMEOUT})")
    parser.add_argument("--build", type=Path, default=ROOT / "build", help="output folder (default build/)")
    parser.add_argument("--jjava", type=Path, metavar="DIR",
                        help="test mode: run the notebooks on the JJava kernelspec in DIR instead")
    parser.add_argument("--jjava-jvm-opts", default=JJAVA_JVM_OPTS, metavar="OPTS",
                        help=f"JJAVA_JVM_OPTS for --jjava (default {JJAVA_JVM_OPTS!r}; '' for JJava's own)")
    args = parser.parse_intermixed_args(argv)
    if args.update and args.mode != "run":
        parser.error("--update only goes with 'run'")
    if args.jjava and args.mode != "test":
        parser.error("--jjava only goes with 'test': committed outputs come from the project's kernel")
    if args.timeout <= 0:
        parser.error(f"--timeout must be a positive number of seconds, got {args.timeout}")
    paths = args.notebooks or discover()
    absent = [str(p) for p in paths if not p.is_file()]
    if absent:
        parser.error("no such notebook: " + ", ".join(absent))
    kernel_dirs, build = None, args.build
    if args.jjava:
        build = args.build / "jjava"  # executed copies apart from the project kernel's
        try:
            kernel_dirs = install_jjava(args.jjava, args.jjava_jvm_opts, build)
        except NotebookError as e:
            parser.error(str(e))
        print(f"kernel: JJava from {args.jjava.resolve()}, JJAVA_JVM_OPTS={args.jjava_jvm_opts!r}", flush=True)
    results = []
    for path in paths:
        print(f"{'executing' if args.mode == 'run' else 'testing'} {display_name(path)} ...", flush=True)
        result = process(path, args.mode, args.timeout, build, args.update, kernel_dirs)
        for problem in result.problems:
            print(problem, file=sys.stderr, flush=True)
        results.append(result)
    print()
    print(format_summary(results, "notebooks"))
    if args.jjava:
        print(f"executed on JJava: {build / 'notebooks'}")
    if args.mode == "run" and results:
        print(f"executed notebooks: {args.build / 'notebooks'}   HTML: {args.build / 'html'}")
        if args.update:
            print("updated in place: " + ", ".join(r.name for r in results if r.passed))
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
