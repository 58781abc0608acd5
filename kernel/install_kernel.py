"""Install the nnlab Java kernel (kernelspec "java") into the Python environment that runs this script.

    .venv/bin/python kernel/install_kernel.py [--name java] [--display-name "Java (nnlab)"]

The kernelspec goes under sys.prefix (like ``jupyter kernelspec install --sys-prefix``), never into the user's
or the system's Jupyter folders, and points at the absolute path of kernel/target/nnlab-kernel.jar.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, "target", "nnlab-kernel.jar")

# -Djava.awt.headless: charts render to images without a display.
# -Dslf4j.internal.verbosity=ERROR: Tablesaw's SLF4J stays quiet when no logging backend is present.
# -Xshare:auto: the JDK's class-data archive shortens start-up.
# --add-modules jdk.incubator.vector: nnlab's fast matrix products (docs/performance.md); without it the
#   library falls back to EJML, same numbers, about 5x slower.
# Not used: -XX:TieredStopAtLevel=1 would start faster but slow down the training loops cells run.
JVM_FLAGS = [
    "-Djava.awt.headless=true",
    "--add-modules", "jdk.incubator.vector",
    "-Dfile.encoding=UTF-8",
    "-Dslf4j.internal.verbosity=ERROR",
    "-Xshare:auto",
    "-XX:+IgnoreUnrecognizedVMOptions",
]


def kernel_spec(java):
    return {
        "argv": [java, *JVM_FLAGS, "-jar", JAR, "{connection_file}"],
        "display_name": ARGS.display_name,
        "language": "java",
        "interrupt_mode": "message",
        "env": {},
        "metadata": {"debugger": False},
    }


def java_major(java):
    """The feature release of a java binary (17 for "17.0.15"), or None if it cannot be told."""
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 else major


def find_java():
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.access(os.path.join(java_home, "bin", "java"), os.X_OK):
        return os.path.join(java_home, "bin", "java")
    found = shutil.which("java")
    if not found:
        sys.exit("install_kernel.py: no `java` on the PATH and JAVA_HOME is not set. Install JDK 17 "
                 "(e.g. apt-get install openjdk-17-jdk) and run this again.")
    return os.path.realpath(found)


def main():
    if not os.path.isfile(JAR):
        sys.exit(f"install_kernel.py: the kernel jar {JAR} is not built yet. From the project root, run: "
                 "mvn -q package")
    try:
        from jupyter_client.kernelspec import KernelSpecManager
    except ImportError:
        sys.exit(f"install_kernel.py: jupyter_client is not installed in {sys.prefix}. Run: "
                 f"{sys.executable} -m pip install jupyter_client")
    java = find_java()
    major = java_major(java)
    if major is not None and major < 17:
        sys.exit(f"install_kernel.py: {java} is Java {major}; the kernel needs Java 17 (set JAVA_HOME to a JDK 17).")
    if major is not None and major >= 20:
        print(f"install_kernel.py: warning: {java} is Java {major}. Interrupting a busy loop needs Thread.stop, "
              "which Java 20+ removed; sleeps can still be interrupted. Java 17 is recommended.", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump(kernel_spec(java), f, indent=2)
        dest = KernelSpecManager().install_kernel_spec(tmp, kernel_name=ARGS.name, prefix=sys.prefix)
    print(f"Installed kernelspec '{ARGS.name}' ({ARGS.display_name}) in {dest}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--name", default="java", help="kernelspec name (default: java, as IJava)")
    parser.add_argument("--display-name", default="Java (nnlab)", help="name shown in Jupyter's launcher")
    ARGS = parser.parse_args()
    main()
