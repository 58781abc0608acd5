"""The nbgrader walk-through of docs/teaching.md, run as written, and autograde's scores for all three assignments.

Needs nbgrader (on the PATH, or NBGRADER=/path/to/nbgrader) and the project's java kernel in .venv/;
without nbgrader it is skipped, and test_exercises.py proves the same scores by nbgrader's rule.
"""
import csv
import getpass
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import exercises  # noqa: E402
from test_exercises import MISTAKES, replace_in_solution  # noqa: E402

DOC = exercises.ROOT / "docs" / "teaching.md"
KERNELS = exercises.ROOT / ".venv" / "share" / "jupyter"
ASSIGNMENTS = [p.stem for p in sorted(exercises.SOLUTIONS.glob("*.ipynb"))]


def nbgrader_or_skip() -> Path:
    found = os.environ.get("NBGRADER") or shutil.which("nbgrader")
    if not found or not Path(found).exists():
        pytest.skip("nbgrader is not installed (no nbgrader on the PATH, NBGRADER not set): the walk-through of "
                    "docs/teaching.md was not run. test_exercises.py checks the same scores without nbgrader.")
    if not (KERNELS / "kernels" / "java" / "kernel.json").exists():
        pytest.skip("the project's java kernel is not installed in .venv/ (./test.sh installs it first)")
    return Path(found).resolve()


def walk_through() -> str:
    """The shell commands between the walk-through markers of docs/teaching.md."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- walk-through -->\s*```sh\n(.*?)```\s*<!-- end of walk-through -->", text, re.S)
    assert block, "docs/teaching.md lost its walk-through block (between <!-- walk-through --> markers)"
    return block.group(1)


def run(command, env, cwd):
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def solved(release, source):
    """The release notebook with every solution cell written as the teacher's solution (the markers dropped)."""
    answers = {exercises.nbgrader_meta(c).get("grade_id"): c.source for c in source.cells}
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        meta = exercises.nbgrader_meta(cell)
        if meta.get("solution"):
            cell.source = "\n".join(line for line in answers[meta["grade_id"]].split("\n")
                                    if exercises.BEGIN not in line and exercises.END not in line)
    return nb


def submit(course: Path, student: str, assignment: str, nb) -> None:
    """A submission as nbgrader's collect leaves it: the notebook and its timestamp."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{assignment}.ipynb")
    (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")


def test_the_walk_through_and_autograde_scores(tmp_path):
    nbgrader = nbgrader_or_skip()
    course, student = tmp_path / "course", tmp_path / "student"
    student.mkdir()
    env = dict(os.environ, NNLAB=str(exercises.ROOT), COURSE=str(course), STUDENT=str(student),
               PATH=f"{nbgrader.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    run(["bash", "-euo", "pipefail", "-c", walk_through()], env, exercises.ROOT)
    env["JUPYTER_PATH"] = str(KERNELS)

    # what the students receive is what tools/exercises.py generate makes
    first = ASSIGNMENTS[0]
    release = nbformat.read(course / "release" / first / f"{first}.ipynb", as_version=4)
    ours = nbformat.read(exercises.EXERCISES / f"{first}.ipynb", as_version=4)
    assert [c.source for c in release.cells] == [c.source for c in ours.cells]
    assert (course / "release" / first / "nnlab.jar").is_file(), "the jar is released with the notebook"
    fetched = list((student / first / "feedback").glob("*/*.html"))
    assert fetched, "the student fetched the feedback page"

    user = getpass.getuser()  # the name nbgrader's submit and collect use
    expected = {(first, user): 0}
    for assignment in ASSIGNMENTS:
        if assignment != first:
            run([str(nbgrader), "generate_assignment", assignment], env, course)
        release = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
        source = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", as_version=4)
        points = {exercises.nbgrader_meta(c)["grade_id"]: exercises.nbgrader_meta(c)["points"]
                  for c in source.cells if exercises.nbgrader_meta(c).get("grade")}
        method, old, new, lost, _ = MISTAKES[assignment]
        if assignment != first:
            submit(course, "untouched", assignment, release)
            expected[(assignment, "untouched")] = 0
        submit(course, "solved", assignment, solved(release, source))
        submit(course, "one-mistake", assignment, replace_in_solution(solved(release, source), method, old, new))
        expected[(assignment, "solved")] = sum(points.values())
        expected[(assignment, "one-mistake")] = sum(points.values()) - sum(points[g] for g in lost)
        run([str(nbgrader), "autograde", assignment], env, course)
    run([str(nbgrader), "export"], env, course)
    with open(course / "grades.csv", newline="") as f:
        # export lists every student for every assignment; rows without a timestamp are submissions never made
        scores = {(row["assignment"], row["student_id"]): float(row["score"]) for row in csv.DictReader(f) if row["timestamp"]}
    assert scores == expected
