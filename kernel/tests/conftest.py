"""Fixtures for the protocol-level tests of the nnlab Java kernel.

They start the kernelspec "java" installed in the Python environment running pytest (sys.prefix); the
session fixture builds the jars and installs the kernelspec first if either is missing.
"""
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager

KERNEL_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(KERNEL_DIR)
KERNEL_JAR = os.path.join(KERNEL_DIR, "target", "nnlab-kernel.jar")
LIB_JAR = os.path.join(ROOT, "lib", "target", "nnlab.jar")
TIMEOUT = 60


def _build(module):
    subprocess.run(["mvn", "-q", "-B", "package", "-DskipTests", "-pl", module], cwd=ROOT, check=True)


@pytest.fixture(scope="session")
def kernelspec():
    """The installed kernelspec "java" of this environment, installed now if missing."""
    if not os.path.isfile(KERNEL_JAR):
        _build("kernel")
    try:
        spec = KernelSpecManager().get_kernel_spec("java")
        if KERNEL_JAR not in spec.argv:
            raise NoSuchKernel("java")
    except NoSuchKernel:
        subprocess.run([sys.executable, os.path.join(KERNEL_DIR, "install_kernel.py")], check=True)
        spec = KernelSpecManager().get_kernel_spec("java")
    return spec


@pytest.fixture(scope="session")
def lib_jar():
    if not os.path.isfile(LIB_JAR):
        _build("lib")
    return LIB_JAR


@pytest.fixture(scope="session")
def workdir(tmp_path_factory, lib_jar):
    """The notebook folder the kernel starts in: a jar folder for %jars globs, classes, a .jsh file."""
    d = tmp_path_factory.mktemp("notebook")
    (d / "libs").mkdir()
    os.symlink(lib_jar, d / "libs" / "nnlab.jar")
    src = d / "src"
    src.mkdir()
    # in a package: snippets cannot see classes of the unnamed package
    (src / "Greeter.java").write_text(
        "package demo;\npublic class Greeter { public String hi() { return \"hi from classes\"; } }\n")
    subprocess.run(["javac", "-d", str(d / "classes"), str(src / "Greeter.java")], check=True)
    (d / "setup.jsh").write_text(textwrap.dedent("""\
        // snippets loaded with %load
        int loaded = 5;
        String greet(String name) {
            return "hello " + name;
        }
        """))
    return d


class Kernel:
    """A running kernel and a client; run() executes a cell and gathers what the front end would show."""

    def __init__(self, km, kc):
        self.km = km
        self.kc = kc

    def execute(self, code):
        return self.kc.execute(code)

    def collect(self, msg_id, timeout=TIMEOUT):
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status" and msg["content"]["execution_state"] == "idle":
                break
            if kind in ("stream", "execute_result", "display_data", "update_display_data", "error"):
                outputs.append({"type": kind, **msg["content"]})
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"], outputs

    def run(self, code, timeout=TIMEOUT):
        return self.collect(self.execute(code), timeout)

    def ok(self, code, timeout=TIMEOUT):
        """Runs a cell that must succeed; returns its outputs."""
        reply, outputs = self.run(code, timeout)
        assert reply["status"] == "ok", (code, reply, outputs)
        return outputs

    def value(self, code):
        """The text/plain of the cell's execute_result."""
        results = [o for o in self.ok(code) if o["type"] == "execute_result"]
        assert len(results) == 1, results
        return results[0]["data"]["text/plain"]


def start_kernel(workdir, env_extra=None):
    env = dict(os.environ)
    env.update(env_extra or {})
    km = KernelManager(kernel_name="java")
    km.start_kernel(cwd=str(workdir), env=env)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return Kernel(km, kc)


def stop_kernel(kernel):
    kernel.kc.stop_channels()
    kernel.km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel(kernelspec, workdir, tmp_path_factory):
    # a small heap makes the OutOfMemoryError test quick; a fresh cache makes %maven really run Maven
    k = start_kernel(workdir, {"JAVA_TOOL_OPTIONS": "-Xmx384m",
                               "NNLAB_KERNEL_CACHE": str(tmp_path_factory.mktemp("kernel-cache"))})
    yield k
    stop_kernel(k)


@pytest.fixture
def has_mvn():
    if shutil.which("mvn") is None:
        pytest.skip("mvn is not on the PATH")
