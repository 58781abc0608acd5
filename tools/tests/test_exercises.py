"""Tests of the student-notebook generator, and the check that the committed student notebooks are in sync."""
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import exercises  # noqa: E402

SOLUTION_CELL = """double[] sigmoidGradient(double[] z) {
    // BEGIN SOLUTION sigmoidGradient
    double[] g = new double[z.length];
    return g;
    // END SOLUTION
}"""


def notebook(*code_sources):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}})
    nb.cells.append(nbformat.v4.new_markdown_cell("# An exercise"))
    for source in code_sources:
        nb.cells.append(nbformat.v4.new_code_cell(source))
    return nb


def test_region_becomes_a_throwing_stub_with_the_same_indent():
    out = exercises.strip_solutions(SOLUTION_CELL, "cell 1")
    assert out == ("double[] sigmoidGradient(double[] z) {\n"
                   "    // TODO: write sigmoidGradient (see the text above)\n"
                   '    throw new NotImplemented("sigmoidGradient");\n'
                   "}")


@pytest.mark.parametrize("source, message", [
    ("// BEGIN SOLUTION a\nx();", "never closed"),
    ("x();\n// END SOLUTION", "without a BEGIN"),
    ("// BEGIN SOLUTION a\n// BEGIN SOLUTION b\n// END SOLUTION", "inside the open region a"),
])
def test_bad_markers_are_named(source, message):
    with pytest.raises(exercises.MarkerError, match=message):
        exercises.strip_solutions(source, "ex.ipynb, cell 2")


def test_a_solution_without_regions_is_refused():
    with pytest.raises(exercises.MarkerError, match="no // BEGIN SOLUTION"):
        exercises.student_version(notebook("int x = 1;"), "ex.ipynb")


def test_generate_then_check_and_outputs_of_unchanged_cells_survive(tmp_path):
    solution, student = tmp_path / "ex1.solution.ipynb", tmp_path / "ex1.ipynb"
    nbformat.write(notebook("%classpath ../lib/target/nnlab.jar", SOLUTION_CELL), solution)
    assert exercises.generate(tmp_path) == [student]
    assert exercises.stale(tmp_path) == []
    # an executed student notebook keeps its outputs when regenerated from an unchanged solution
    executed = nbformat.read(student, as_version=4)
    executed.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="loaded\n")]
    nbformat.write(executed, student)
    assert exercises.generate(tmp_path) == []
    assert nbformat.read(student, as_version=4).cells[1].outputs[0].text == "loaded\n"
    # editing inside a solution region changes nothing the student sees
    inside = notebook("%classpath ../lib/target/nnlab.jar", SOLUTION_CELL.replace("z.length", "z.length + 0"))
    nbformat.write(inside, solution)
    assert exercises.stale(tmp_path) == []
    # editing outside makes the student notebook stale until it is generated again
    outside = notebook("%classpath ../lib/target/nnlab.jar", SOLUTION_CELL.replace("(double[] z)", "(double[] zs)"))
    nbformat.write(outside, solution)
    problems = exercises.stale(tmp_path)
    assert len(problems) == 1 and "differs from its solution ex1.solution.ipynb" in problems[0]


def test_committed_student_notebooks_are_in_sync_with_their_solutions():
    if not any(exercises.EXERCISES.glob("*" + exercises.SUFFIX)):
        pytest.fail("no solution notebooks (*.solution.ipynb) in notebooks/exercises")
    assert exercises.stale() == []


def _score(nb):
    """The (points, max) of the grader's 'Score: X / Y' line in a notebook's committed outputs."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            for line in text.splitlines():
                if line.startswith("Score: "):
                    points, maximum = line[len("Score: "):].split(" / ")
                    return int(points), int(maximum)
    return None


@pytest.mark.parametrize("solution", sorted(exercises.EXERCISES.glob("*" + exercises.SUFFIX)), ids=lambda p: p.name)
def test_solutions_score_full_marks_and_students_zero(solution):
    # ./test.sh re-executes every notebook and compares these outputs, so this holds for fresh runs too
    student = exercises.EXERCISES / (solution.name[:-len(exercises.SUFFIX)] + ".ipynb")
    full = _score(nbformat.read(solution, as_version=4))
    zero = _score(nbformat.read(student, as_version=4))
    assert full is not None and full[0] == full[1] > 0, f"{solution.name}: {full}"
    assert zero == (0, full[1]), f"{student.name}: {zero}"
