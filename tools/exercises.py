#!/usr/bin/env python3
"""Make the student notebooks from the solution notebooks, check they are in sync, or set up an nbgrader course.

notebooks/exercises/solutions/NAME.ipynb is the only source of each assignment. It carries nbgrader's cell
metadata (solution cells, read-only cells, grade cells with points and ids), so it is also the source
notebook of an nbgrader course. The student notebook notebooks/exercises/NAME.ipynb is what nbgrader's
generate_assignment makes of it, for machines without nbgrader:

  - each region from a line containing BEGIN SOLUTION to one containing END SOLUTION becomes the stub
        // YOUR CODE HERE
        throw new NotImplemented();
    indented like its BEGIN line (the stub the course's nbgrader_config.py gives nbgrader for Java);
  - each region from BEGIN HIDDEN TESTS to END HIDDEN TESTS is removed;
  - grade cells and read-only cells cannot be edited, and no nbgrader cell can be deleted (as nbgrader
    locks them); grade cells are tagged raises-exception, so a headless run goes on past a failing part.

Usage:
    exercises.py generate     write the student notebooks (outputs of unchanged cells are kept)
    exercises.py check        exit 1 and name every student notebook that differs from its solution
    exercises.py course DIR   make DIR an nbgrader course: nbgrader_config.py, and for each assignment
                              source/NAME/NAME.ipynb with nnlab.jar beside it (see docs/teaching.md)
"""
import copy
import re
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

import nbformat

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "notebooks" / "exercises"
SOLUTIONS = EXERCISES / "solutions"

STUB = ["// YOUR CODE HERE", "throw new NotImplemented();"]
BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
RAISES = "raises-exception"
_ID = re.compile(r"^[A-Za-z0-9_-]+$")

NBGRADER_CONFIG = '''\
# nbgrader configuration of an nnlab course, written by tools/exercises.py course (see docs/teaching.md).
import os

c = get_config()
here = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.root = here
c.CourseDirectory.course_id = "nnlab"
# a Java solution region becomes a stub that compiles and throws, so its part scores zero until written
c.ClearSolutions.code_stub = {{"java": {stub!r}}}
# an exchange folder inside the course, for trying release/fetch/submit/collect on one machine;
# a shared course uses a folder every student can reach, e.g. /srv/nbgrader/exchange
c.Exchange.root = os.path.join(here, "exchange")
# training cells take longer than nbgrader's default of 30 s
c.Execute.timeout = 300
'''


class MarkerError(ValueError):
    """A solution or hidden-test region that is not closed or nested, or nbgrader metadata that nbgrader would refuse."""


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def strip_regions(source: str, where: str, begin: str, end: str, stub: Optional[List[str]]) -> str:
    """Replaces every begin … end region of one cell's source by the stub (indented like its begin line), or removes it."""
    out: List[str] = []
    open_at: Optional[int] = None
    for number, line in enumerate(source.split("\n"), start=1):
        if begin in line:
            if open_at is not None:
                raise MarkerError(f"{where}, line {number}: {begin} inside the region opened at line {open_at}; "
                                  f"close that one with {end} first")
            open_at = number
            indent = line[:len(line) - len(line.lstrip())]
            out.extend(indent + s for s in stub or [])
        elif end in line:
            if open_at is None:
                raise MarkerError(f"{where}, line {number}: {end} without a {begin} before it")
            open_at = None
        elif open_at is None:
            out.append(line)
    if open_at is not None:
        raise MarkerError(f"{where}: the {begin} region opened at line {open_at} is never closed with {end}")
    return "\n".join(out)


def student_cell(cell, where: str):
    """The student version of one cell, and whether it had a solution region."""
    meta = nbgrader_meta(cell)
    source = strip_regions(cell.source, where, BEGIN, END, STUB)
    solved = source != cell.source
    if solved and not meta.get("solution"):
        raise MarkerError(f"{where}: a {BEGIN} region in a cell that is not a solution cell; mark the cell as one "
                          f"(metadata nbgrader.solution = true, with a grade_id)")
    hidden = strip_regions(source, where, BEGIN_HIDDEN, END_HIDDEN, None)
    if hidden != source and not meta.get("grade"):
        raise MarkerError(f"{where}: hidden tests in a cell that is not a grade cell; nbgrader removes them only from grade cells")
    make = {"markdown": nbformat.v4.new_markdown_cell, "raw": nbformat.v4.new_raw_cell}.get(cell.cell_type)
    new = (make or nbformat.v4.new_code_cell)(hidden, metadata=copy.deepcopy(cell.metadata))
    if "id" in cell:
        new.id = cell.id  # the same ids as the solution, so regenerating changes nothing it need not
    if make:
        return new, solved
    if meta:
        new.metadata["deletable"] = False
        if meta.get("grade") or meta.get("locked") and not meta.get("solution"):
            new.metadata["editable"] = False
    if meta.get("grade"):
        tags = new.metadata.setdefault("tags", [])
        if RAISES not in tags:
            tags.append(RAISES)
    return new, solved


def check_metadata(nb, name: str) -> None:
    """What nbgrader's generate_assignment would refuse: grade cells without points, missing or repeated ids."""
    seen = {}
    for index, cell in enumerate(nb.cells, start=1):
        meta = nbgrader_meta(cell)
        if not meta:
            continue
        where = f"{name}, cell {index}"
        gid = meta.get("grade_id", "")
        if not _ID.match(gid):
            raise MarkerError(f"{where}: nbgrader cells need a grade_id of letters, digits, _ and -, got {gid!r}")
        if gid in seen:
            raise MarkerError(f"{where}: grade_id {gid!r} is used by cell {seen[gid]} too; ids must be unique")
        seen[gid] = index
        if meta.get("grade") and not (isinstance(meta.get("points"), (int, float)) and meta["points"] > 0):
            raise MarkerError(f"{where}: the grade cell {gid!r} needs points > 0, got {meta.get('points')!r}")


def student_version(solution, name: str, previous=None):
    """The student notebook for a solution notebook; keeps the outputs of cells whose source is unchanged."""
    check_metadata(solution, name)
    student = nbformat.v4.new_notebook(metadata=copy.deepcopy(solution.metadata))
    kept = {}
    if previous is not None:
        for cell in previous.cells:
            if cell.cell_type == "code":
                kept.setdefault(cell.source, cell)
    regions = 0
    for index, cell in enumerate(solution.cells, start=1):
        new, solved = student_cell(cell, f"{name}, cell {index}")
        regions += solved
        old = kept.get(new.source) if new.cell_type == "code" else None
        if old is not None:
            new.outputs = old.outputs
            new.execution_count = old.execution_count
        student.cells.append(new)
    if regions == 0:
        raise MarkerError(f"{name}: no // {BEGIN} … // {END} region; mark what the student has to write")
    return student


def show(path: Path) -> str:
    """The path relative to the project when it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# the cell metadata the generator sets; JupyterLab may add others (e.g. "collapsed") when a notebook is saved
_COMPARED = ("nbgrader", "tags", "editable", "deletable")


def comparable(nb) -> List[tuple]:
    """What must agree between a student notebook and its solution: each cell's type, source and nbgrader state."""
    return [(cell.cell_type, cell.source, {k: v for k, v in cell.get("metadata", {}).items() if k in _COMPARED})
            for cell in nb.cells]


def pairs(solutions: Path = SOLUTIONS, students: Path = EXERCISES):
    found = sorted(solutions.glob("*.ipynb"))
    if not found:
        raise SystemExit(f"error: no solution notebooks (*.ipynb) in {show(solutions)}")
    return [(path, students / path.name) for path in found]


def generate(solutions: Path = SOLUTIONS, students: Path = EXERCISES) -> List[Path]:
    written = []
    for solution_path, student_path in pairs(solutions, students):
        solution = nbformat.read(solution_path, as_version=4)
        previous = nbformat.read(student_path, as_version=4) if student_path.exists() else None
        student = student_version(solution, solution_path.name, previous)
        if previous is None or comparable(previous) != comparable(student):
            nbformat.write(student, student_path)
            written.append(student_path)
    return written


def stale(solutions: Path = SOLUTIONS, students: Path = EXERCISES) -> List[str]:
    problems = []
    for solution_path, student_path in pairs(solutions, students):
        expected = student_version(nbformat.read(solution_path, as_version=4), solution_path.name)
        if not student_path.exists():
            problems.append(f"{show(student_path)} is missing")
        elif comparable(nbformat.read(student_path, as_version=4)) != comparable(expected):
            problems.append(f"{show(student_path)} differs from its solution {show(solution_path)}")
    return problems


def course(directory: Path, solutions: Path = SOLUTIONS) -> List[Path]:
    """Writes an nbgrader course: its config and, per assignment, the source notebook (no outputs) and nnlab.jar."""
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "nbgrader_config.py"
    config.write_text(NBGRADER_CONFIG.format(stub="\n".join(STUB)), encoding="utf-8")
    folders = []
    for solution_path, _ in pairs(solutions):
        nb = nbformat.read(solution_path, as_version=4)
        check_metadata(nb, solution_path.name)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        folder = directory / "source" / solution_path.stem
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / solution_path.name)
        folders.append(folder)
    subprocess.run(["bash", str(ROOT / "tools" / "copy-jar.sh"), *map(str, folders)], check=True)
    return [config] + folders


def main(argv: List[str]) -> int:
    command = argv[0] if argv else ""
    try:
        if command == "generate":
            written = generate()
            for path in written:
                print(f"wrote {show(path)}; run ./run.sh --update {show(path)} to store its outputs")
            if not written:
                print("student notebooks are up to date")
            return 0
        if command == "check":
            problems = stale()
            for problem in problems:
                print(f"stale: {problem}")
            if problems:
                print("run: .venv/bin/python tools/exercises.py generate, then ./run.sh --update on the written notebooks")
                return 1
            print("student notebooks are in sync with their solutions")
            return 0
        if command == "course" and len(argv) == 2:
            made = course(Path(argv[1]).resolve())
            print(f"nbgrader course in {made[0].parent}: " + ", ".join(show(p) for p in made))
            print(f"next: cd {made[0].parent} && nbgrader generate_assignment {made[1].name}  (docs/teaching.md)")
            return 0
    except MarkerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError:
        print("error: copying nnlab.jar into the course failed (see above)", file=sys.stderr)
        return 2
    print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
