#!/usr/bin/env python3
"""Generate the student version of each exercise notebook from its solution, or check they are in sync.

The solution notebooks notebooks/exercises/NAME.solution.ipynb are the only source; each student notebook
NAME.ipynb sits beside its solution, so relative paths such as %classpath ../../lib/target/nnlab.jar work in both. Inside their code cells,
each solution sits between two marker lines:

    // BEGIN SOLUTION sigmoidGradient
    ...the teacher's code...
    // END SOLUTION

The student notebook gets the same cells with every such region
replaced by a stub that compiles and throws, so the grader scores that part zero until it is written:

    // TODO: write sigmoidGradient (see the text above)
    throw new NotImplemented("sigmoidGradient");

Usage:
    exercises.py generate   write the student notebooks (outputs of unchanged cells are kept)
    exercises.py check      exit 1 and name every student notebook that differs from its solution
"""
import re
import sys
from pathlib import Path
from typing import List, Optional

import nbformat

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "notebooks" / "exercises"
SUFFIX = ".solution.ipynb"

BEGIN = re.compile(r"^(\s*)//\s*BEGIN SOLUTION\s+(\w+)\s*$")
END = re.compile(r"^\s*//\s*END SOLUTION\s*$")


class MarkerError(ValueError):
    """A solution region that is not closed, nested, or unnamed."""


def strip_solutions(source: str, where: str) -> str:
    """Replaces every BEGIN/END SOLUTION region of one cell's source by a throwing stub."""
    out: List[str] = []
    open_name: Optional[str] = None
    for number, line in enumerate(source.split("\n"), start=1):
        begin = BEGIN.match(line)
        if begin:
            if open_name is not None:
                raise MarkerError(f"{where}, line {number}: BEGIN SOLUTION {begin.group(2)} inside the open region "
                                  f"{open_name}; close it with // END SOLUTION first")
            indent, open_name = begin.group(1), begin.group(2)
            out.append(f"{indent}// TODO: write {open_name} (see the text above)")
            out.append(f'{indent}throw new NotImplemented("{open_name}");')
            continue
        if END.match(line):
            if open_name is None:
                raise MarkerError(f"{where}, line {number}: END SOLUTION without a BEGIN SOLUTION <name> before it")
            open_name = None
            continue
        if open_name is None:
            out.append(line)
        elif "BEGIN SOLUTION" in line:
            raise MarkerError(f"{where}, line {number}: a BEGIN SOLUTION marker needs a name, e.g. "
                              f"'// BEGIN SOLUTION sigmoidGradient'")
    if open_name is not None:
        raise MarkerError(f"{where}: the region BEGIN SOLUTION {open_name} is never closed with // END SOLUTION")
    return "\n".join(out)


def student_version(solution, name: str, previous=None):
    """The student notebook for a solution notebook; keeps the outputs of cells whose source is unchanged."""
    student = nbformat.v4.new_notebook(metadata=solution.metadata)
    kept = {}
    if previous is not None:
        for cell in previous.cells:
            if cell.cell_type == "code":
                kept.setdefault(cell.source, cell)
    regions = 0
    for index, cell in enumerate(solution.cells, start=1):
        if cell.cell_type != "code":
            student.cells.append(nbformat.v4.new_markdown_cell(cell.source) if cell.cell_type == "markdown"
                                 else nbformat.v4.new_raw_cell(cell.source))
            continue
        source = strip_solutions(cell.source, f"{name}, cell {index}")
        regions += source != cell.source
        new = nbformat.v4.new_code_cell(source)
        old = kept.get(source)
        if old is not None:
            new.outputs = old.outputs
            new.execution_count = old.execution_count
        student.cells.append(new)
    if regions == 0:
        raise MarkerError(f"{name}: no // BEGIN SOLUTION <name> … // END SOLUTION region; "
                          f"mark what the student has to write")
    return student


def show(path: Path) -> str:
    """The path relative to the project when it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def sources(nb) -> List[tuple]:
    return [(cell.cell_type, cell.source) for cell in nb.cells]


def pairs(folder: Path = EXERCISES):
    found = sorted(folder.glob("*" + SUFFIX))
    if not found:
        raise SystemExit(f"error: no solution notebooks (*{SUFFIX}) in {show(folder)}")
    return [(path, folder / (path.name[:-len(SUFFIX)] + ".ipynb")) for path in found]


def generate(folder: Path = EXERCISES) -> List[Path]:
    written = []
    for solution_path, student_path in pairs(folder):
        solution = nbformat.read(solution_path, as_version=4)
        previous = nbformat.read(student_path, as_version=4) if student_path.exists() else None
        student = student_version(solution, solution_path.name, previous)
        if previous is None or sources(previous) != sources(student):
            nbformat.write(student, student_path)
            written.append(student_path)
    return written


def stale(folder: Path = EXERCISES) -> List[str]:
    problems = []
    for solution_path, student_path in pairs(folder):
        expected = student_version(nbformat.read(solution_path, as_version=4), solution_path.name)
        if not student_path.exists():
            problems.append(f"{show(student_path)} is missing")
        elif sources(nbformat.read(student_path, as_version=4)) != sources(expected):
            problems.append(f"{show(student_path)} differs from its solution {solution_path.name}")
    return problems


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
    except MarkerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
