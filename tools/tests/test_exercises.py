"""Tests of the student-notebook generator, and of how the exercise notebooks score.

Scores are counted by nbgrader's rule for grade cells (a grade cell with an error output or stderr text
scores 0, any other scores its points), so these tests prove without nbgrader what test_teaching.py
checks with it: an untouched notebook scores 0, a solved one full marks, one wrong part loses exactly
its points, and a typo in one method costs only the parts that call it.
"""
import re
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import exercises  # noqa: E402

JAR = exercises.ROOT / "lib" / "target" / "nnlab.jar"
SOLUTIONS = sorted(exercises.SOLUTIONS.glob("*.ipynb"))


def meta(kind, gid, points=None):
    m = {"grade": kind == "grade", "grade_id": gid, "locked": kind != "solution", "schema_version": 3,
         "solution": kind == "solution", "task": False}
    if points is not None:
        m["points"] = points
    return {"nbgrader": m}


SOLUTION_CELL = """double[] sigmoidGradient(double[] z) {
    // BEGIN SOLUTION
    double[] g = new double[z.length];
    return g;
    // END SOLUTION
}"""

GRADE_CELL = """grade.part("sigmoidGradient");
// BEGIN HIDDEN TESTS
grade.check("sigmoidGradient", "z = 1000", () -> {});
// END HIDDEN TESTS"""


def notebook(*cells):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}})
    nb.cells.append(nbformat.v4.new_markdown_cell("# An exercise"))
    for source, metadata in cells:
        nb.cells.append(nbformat.v4.new_code_cell(source, metadata=metadata))
    return nb


def exercise(solution=SOLUTION_CELL, grade=GRADE_CELL):
    return notebook(("%classpath nnlab.jar", meta("locked", "setup")), (solution, meta("solution", "sigmoid")),
                    (grade, meta("grade", "grade_sigmoid", 2)))


def test_a_solution_becomes_nbgraders_java_stub_with_the_same_indent():
    student = exercises.student_version(exercise(), "ex.ipynb")
    assert student.cells[2].source == ("double[] sigmoidGradient(double[] z) {\n"
                                       "    // YOUR CODE HERE\n"
                                       "    throw new NotImplemented();\n"
                                       "}")


def test_hidden_tests_are_removed_and_cells_locked_as_nbgrader_locks_them():
    student = exercises.student_version(exercise(), "ex.ipynb")
    setup, solution, grade = student.cells[1:]
    assert grade.source == 'grade.part("sigmoidGradient");'
    assert grade.metadata["tags"] == ["raises-exception"] and grade.metadata["editable"] is False
    assert setup.metadata["editable"] is False and setup.metadata["deletable"] is False
    assert "editable" not in solution.metadata and solution.metadata["deletable"] is False
    assert student.cells[2].metadata["nbgrader"]["grade_id"] == "sigmoid", "nbgrader's ids stay, so its validate works"


@pytest.mark.parametrize("source, message", [
    ("// BEGIN SOLUTION\nx();", "never closed"),
    ("x();\n// END SOLUTION", "without a BEGIN SOLUTION"),
    ("// BEGIN SOLUTION a\n// BEGIN SOLUTION b\n// END SOLUTION", "inside the region opened at line 1"),
])
def test_bad_markers_are_named(source, message):
    with pytest.raises(exercises.MarkerError, match=message):
        exercises.student_version(exercise(solution=source), "ex.ipynb")


@pytest.mark.parametrize("cells, message", [
    ([(SOLUTION_CELL, meta("locked", "a"))], "not a solution cell"),
    ([(SOLUTION_CELL, meta("solution", "a")), (GRADE_CELL, meta("locked", "b"))], "not a grade cell"),
    ([(SOLUTION_CELL, meta("solution", "a")), ("x();", meta("grade", "b"))], "needs points > 0"),
    ([(SOLUTION_CELL, meta("solution", "a")), ("x();", meta("grade", "a", 1))], "used by cell 2 too"),
    ([(SOLUTION_CELL, meta("solution", "a b"))], "grade_id of letters"),
    ([("int x = 1;", meta("locked", "a"))], "no // BEGIN SOLUTION"),
])
def test_what_nbgrader_would_refuse_is_refused(cells, message):
    with pytest.raises(exercises.MarkerError, match=message):
        exercises.student_version(notebook(*cells), "ex.ipynb")


def test_generate_then_check_and_outputs_of_unchanged_cells_survive(tmp_path):
    solutions = tmp_path / "solutions"
    solutions.mkdir()
    solution, student = solutions / "ex1.ipynb", tmp_path / "ex1.ipynb"
    nbformat.write(exercise(), solution)
    assert exercises.generate(solutions, tmp_path) == [student]
    assert exercises.stale(solutions, tmp_path) == []
    # an executed student notebook keeps its outputs when regenerated from an unchanged solution
    executed = nbformat.read(student, as_version=4)
    executed.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="loaded\n")]
    executed.cells[1].metadata["collapsed"] = True  # what JupyterLab may add when saving
    nbformat.write(executed, student)
    assert exercises.generate(solutions, tmp_path) == []
    assert nbformat.read(student, as_version=4).cells[1].outputs[0].text == "loaded\n"
    # editing inside a solution region or hidden tests changes nothing the student sees
    nbformat.write(exercise(solution=SOLUTION_CELL.replace("z.length]", "z.length + 0]"),
                            grade=GRADE_CELL.replace("z = 1000", "z = -1000")), solution)
    assert exercises.stale(solutions, tmp_path) == []
    # editing outside makes the student notebook stale until it is generated again
    nbformat.write(exercise(solution=SOLUTION_CELL.replace("(double[] z)", "(double[] zs)")), solution)
    problems = exercises.stale(solutions, tmp_path)
    assert len(problems) == 1 and "differs from its solution" in problems[0]
    # so does changing a cell's nbgrader state (here: making the setup cell editable)
    unlocked = exercise()
    unlocked.cells[1].metadata = meta("solution", "setup")
    nbformat.write(unlocked, solution)
    assert len(exercises.stale(solutions, tmp_path)) == 1


def test_committed_student_notebooks_are_in_sync_with_their_solutions():
    if not SOLUTIONS:
        pytest.fail("no solution notebooks in notebooks/exercises/solutions")
    assert exercises.stale() == []


def test_students_receive_only_student_notebooks():
    """Solutions live apart, under the same names, so nothing in the students' folder is a solution."""
    students = sorted(p.name for p in exercises.EXERCISES.glob("*.ipynb"))
    assert students == [p.name for p in SOLUTIONS]
    for name in students:
        source = nbformat.read(exercises.EXERCISES / name, as_version=4)
        assert not any("BEGIN SOLUTION" in c.source or "BEGIN HIDDEN TESTS" in c.source for c in source.cells), name


# ---- scoring, by nbgrader's rule for grade cells ----

def grade_cells(nb):
    return [c for c in nb.cells if exercises.nbgrader_meta(c).get("grade")]


def score(nb):
    """(points, max, {grade_id: points}) as nbgrader's autograde counts them."""
    parts = {}
    for cell in grade_cells(nb):
        m = exercises.nbgrader_meta(cell)
        failed = any(o.output_type == "error" or o.output_type == "stream" and o.name == "stderr" for o in cell.outputs)
        assert not any(o.output_type == "execute_result" for o in cell.outputs), \
            "a grade cell's value would be read by nbgrader as a partial score"
        parts[m["grade_id"]] = 0 if failed else m["points"]
    return sum(parts.values()), sum(exercises.nbgrader_meta(c)["points"] for c in grade_cells(nb)), parts


def table_score(nb):
    """The 'Score: X / Y' line of the score table as the notebook stores it."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = "".join(out.get("data", {}).get("text/plain", ""))
            found = re.search(r"^Score: (\d+) / (\d+)$", text, re.M)
            if found:
                return int(found.group(1)), int(found.group(2))
    return None


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_solutions_score_full_marks_and_untouched_students_zero(solution):
    # ./test.sh re-executes every notebook and compares these outputs, so this holds for fresh runs too
    solved = nbformat.read(solution, as_version=4)
    untouched = nbformat.read(exercises.EXERCISES / solution.name, as_version=4)
    full, maximum, _ = score(solved)
    assert maximum > 0 and full == maximum
    assert table_score(solved) == (maximum, maximum)
    assert score(untouched)[:2] == (0, maximum)
    assert table_score(untouched) == (0, maximum)
    assert len(grade_cells(solved)) >= 2, "one grade cell per part, so nbgrader gives partial credit"


# ---- one mistake, executed with the java kernel as nbgrader's autograde runs it (errors allowed) ----

def replace_in_solution(nb, method, old, new):
    """The solution notebook with one method's code changed."""
    for cell in nb.cells:
        if exercises.nbgrader_meta(cell).get("solution") and re.search(rf"\b{method}\(", cell.source) and old in cell.source:
            cell.source = cell.source.replace(old, new, 1)
            return nb
    raise AssertionError(f"no solution cell of {method} contains {old!r}")


MISTAKES = {
    # a typo: the method's cell does not compile; only sigmoidGradient's part (2 points) is lost
    "ex1-cost-and-unrolling": ("sigmoidGradient", "g[i] = s * (1 - s);", "g[i] = s * (1 - s)", {"grade_sigmoidGradient"},
                               "sigmoidGradient's cell did not compile"),
    # a wrong value: the vectorized gradient forgets the mean's 1/n; only the batch part (3 points) is lost
    "ex2-backprop-any-depth": ("backpropBatch", "CommonOps_DDRM.scale(1.0 / n, nablaW[l]);", "", {"grade_batch"},
                               "differs from central differences"),
    # an exception inside the student's method: only the dropout part (3 points) is lost
    "ex3-regularization-dropout": ("dropoutForward", "return out;", "return out.get(-1, 0) > 0 ? out : out;",
                                   {"grade_dropout"}, "(in dropoutForward"),
}


def java_kernel_or_skip():
    from jupyter_client.kernelspec import KernelSpecManager
    if "java" not in KernelSpecManager().find_kernel_specs():
        pytest.skip(f"no 'java' kernel in this Python environment ({sys.prefix}): ./test.sh installs it first")
    if not JAR.exists():
        pytest.skip("lib/target/nnlab.jar is not built: ./test.sh builds it first")


def execute_allowing_errors(nb, folder):
    from nbclient import NotebookClient
    (folder / "nnlab.jar").symlink_to(JAR)
    last_grade = max(i for i, c in enumerate(nb.cells) if exercises.nbgrader_meta(c).get("grade"))
    nb.cells = nb.cells[:last_grade + 1]  # the experiment after the grading is not graded
    NotebookClient(nb, timeout=300, kernel_name="java", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_one_mistake_loses_exactly_its_parts_points(name, tmp_path):
    java_kernel_or_skip()
    method, old, new, lost, message = MISTAKES[name]
    nb = replace_in_solution(nbformat.read(exercises.SOLUTIONS / f"{name}.ipynb", as_version=4), method, old, new)
    executed = execute_allowing_errors(nb, tmp_path)
    total, maximum, parts = score(executed)
    points = {exercises.nbgrader_meta(c)["grade_id"]: exercises.nbgrader_meta(c)["points"] for c in grade_cells(executed)}
    assert {gid for gid, p in parts.items() if p == 0} == lost
    assert total == maximum - sum(points[gid] for gid in lost)
    assert table_score(executed) == (total, maximum), "the live table ends with the same score"
    failed = [c for c in grade_cells(executed) if exercises.nbgrader_meta(c)["grade_id"] in lost]
    errors = [o for c in failed for o in c.outputs if o.output_type == "error"]
    assert errors and all(o.ename == "nnlab.grade.PartFailed" and message in o.evalue for o in errors), \
        [(o.ename, o.evalue) for o in errors]
    if name == "ex1-cost-and-unrolling":
        compile_errors = [o.ename for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"
                          and c not in failed]
        assert compile_errors == ["CompilationError"], "the typo fails its own cell, and no grading cell fails to compile"
