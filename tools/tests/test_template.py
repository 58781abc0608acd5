"""The experiment template: how it says to copy it, and a copy made that way running outside the
notebook folders (the last test needs the project's `java` kernel)."""
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import notebooks as nbt  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "notebooks" / "templates" / "experiment.ipynb"
ENVIRONMENT = ROOT / "lib" / "src" / "main" / "java" / "nnlab" / "Environment.java"


def template():
    return nbformat.read(TEMPLATE, as_version=4)


def test_the_template_says_how_to_copy_it_run_it_and_export_html():
    text = template().cells[0].source
    assert "cp notebooks/templates/experiment.ipynb reports/my-experiment.ipynb" in text
    assert "tools/copy-jar.sh reports" in text
    assert "HTML" in text and "nbconvert --to html" in text


def test_the_template_loads_the_library_from_its_own_folder():
    first_code = next(c for c in template().cells if c.cell_type == "code")
    assert first_code.source.splitlines()[0] == "%classpath nnlab.jar"
    link = TEMPLATE.parent / "nnlab.jar"
    assert link.is_symlink() and Path(link.readlink()) == Path("../../lib/target/nnlab.jar")


def test_the_footer_cell_lists_the_libraries_pattern_of_varying_lines():
    java = ENVIRONMENT.read_text(encoding="utf-8")
    pattern = re.search(r'VARYING_LINES = "(.*)";', java).group(1).replace("\\\\", "\\")
    footer = next(c for c in template().cells if "Environment.printFooter" in c.source)
    assert footer.metadata["nnlab"]["varies"] == [pattern]
    outputs = "".join(o.get("text", "") for o in footer.outputs)
    assert "[varies]" not in outputs, "the reader sees no comparison markers"
    assert all(re.search(pattern, line) for line in outputs.splitlines()[2:]), outputs


def test_no_committed_output_line_carries_a_varies_marker():
    for cell in template().cells:
        for line in nbt.output_lines(cell) if cell.cell_type == "code" else []:
            assert nbt.VARIES_MARKER not in line, line


def _java_kernel_installed():
    from jupyter_client.kernelspec import KernelSpecManager
    return "java" in KernelSpecManager().find_kernel_specs()


@pytest.mark.skipif(not _java_kernel_installed(), reason="the 'java' kernel is not installed in this environment")
def test_a_copy_made_as_the_template_says_runs_outside_the_notebook_folders(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    copy = reports / "my-experiment.ipynb"
    copy.write_bytes(TEMPLATE.read_bytes())
    subprocess.run([str(ROOT / "tools" / "copy-jar.sh"), str(reports)], check=True, capture_output=True)
    assert (reports / "nnlab.jar").is_file() and not (reports / "nnlab.jar").is_symlink()
    result = nbt.process(copy, "run", 600, tmp_path / "build")
    assert result.passed, result.problems
    assert (tmp_path / "build" / "html" / "my-experiment.html").is_file()
    assert (reports / "results" / "experiment-runs.csv").is_file()
