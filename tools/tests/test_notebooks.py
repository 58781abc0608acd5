"""Tests of the notebook runner's own logic on small synthetic notebooks (no kernel needed, except the
last group, which runs only where the project's `java` kernel is installed)."""
import copy
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import (new_code_cell, new_markdown_cell, new_notebook, new_output)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import notebooks as nbt  # noqa: E402

PNG_A = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
PNG_B = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def java_notebook(*cells):
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    return nb


def stdout(text):
    return new_output("stream", name="stdout", text=text)


def executed_cell(source, *outputs, count=1):
    return new_code_cell(source, outputs=list(outputs), execution_count=count)


def image(png, label="java.awt.image.BufferedImage@1a2b3c"):
    return new_output("display_data", data={"image/png": png, "text/plain": label})


# comparison

def test_identical_outputs_compare_equal():
    nb = java_notebook(new_markdown_cell("# t"), executed_cell("x", stdout("loss 0.25\n")))
    assert nbt.compare(nb, copy.deepcopy(nb), "a.ipynb") == []


def test_changed_text_is_reported_with_notebook_cell_and_diff():
    old = java_notebook(new_markdown_cell("# t"), executed_cell("print(loss)", stdout("loss 0.25\n")))
    new = copy.deepcopy(old)
    new.cells[1].outputs[0].text = "loss 0.26\n"
    problems = nbt.compare(old, new, "a.ipynb")
    assert len(problems) == 1
    assert problems[0].startswith("a.ipynb, cell 2 ('print(loss)')")
    assert "-loss 0.25" in problems[0] and "+loss 0.26" in problems[0]


def test_numbers_that_differ_only_by_rounding_compare_equal():
    old = java_notebook(executed_cell("t", stdout("h = [0.7172950236415331, 2.0]\n✔ J = 0.6742629534 (|Δ| = 2e-16 ≤ 1e-12)\n")))
    new = java_notebook(executed_cell("t", stdout("h = [0.7172950236415332, 2.0]\n✔ J = 0.6742629534 (|Δ| = 0 ≤ 1e-12)\n")))
    assert nbt.compare(old, new, "a.ipynb") == []


@pytest.mark.parametrize("before, after", [
    ("loss 0.2376831902", "loss 0.2376831932"),      # a change in the 9th digit is real
    ("3 of 10 correct", "4 of 10 correct"),          # counts compare exactly
    ("accuracy 0.95 (train)", "accuracy 0.95 (test)"),  # the text around numbers must match
    ("error 1e-10", "error 3e-10"),                   # above the absolute tolerance
])
def test_real_changes_in_numbers_are_still_reported(before, after):
    assert not nbt.lines_agree(before, after)


def test_lines_with_the_varies_marker_are_not_compared():
    old = java_notebook(executed_cell("t", stdout("took 12 ms [varies]\nloss 0.25\n")))
    new = java_notebook(executed_cell("t", stdout("took 97 ms [varies]\nloss 0.25\n")))
    assert nbt.compare(old, new, "a.ipynb") == []


def test_a_changed_line_next_to_a_varies_line_is_still_reported():
    old = java_notebook(executed_cell("t", stdout("took 12 ms [varies]\nloss 0.25\n")))
    new = java_notebook(executed_cell("t", stdout("took 97 ms [varies]\nloss 0.30\n")))
    assert len(nbt.compare(old, new, "a.ipynb")) == 1


def varying(cell, *patterns):
    cell.metadata["nnlab"] = {"varies": list(patterns)}
    return cell


def test_lines_matching_the_cells_varies_metadata_are_not_compared():
    old = java_notebook(varying(executed_cell("t", stdout("85 networks trained in 61.2 s\nloss 0.25\n")), r"^\d+ networks trained in "))
    new = java_notebook(varying(executed_cell("t", stdout("85 networks trained in 97.0 s\nloss 0.25\n")), r"^\d+ networks trained in "))
    assert nbt.compare(old, new, "a.ipynb") == []


def test_varies_metadata_covers_display_data_in_every_mime_type():
    def shown(seconds):
        return new_output("display_data", data={"text/plain": f"took {seconds} s", "text/html": f"<pre>took {seconds} s</pre>"})
    old = java_notebook(varying(executed_cell("t", shown(3)), "took [0-9.]+ s"))
    new = java_notebook(varying(executed_cell("t", shown(9)), "took [0-9.]+ s"))
    assert nbt.compare(old, new, "a.ipynb") == []


def test_varies_metadata_leaves_other_lines_and_other_cells_compared():
    def nb(seconds, loss):
        return java_notebook(varying(executed_cell("a", stdout(f"took {seconds} s\nloss {loss}\n")), "^took "),
                             executed_cell("b", stdout(f"took {seconds} s\n"), count=2))
    problems = nbt.compare(nb(1, "0.25"), nb(2, "0.30"), "a.ipynb")
    assert len(problems) == 2
    assert "cell 1" in problems[0] and "+loss 0.30" in problems[0] and "took" not in problems[0].split("\n", 1)[1]
    assert "cell 2" in problems[1] and "+took 2 s" in problems[1]


def test_a_single_varies_pattern_may_be_given_as_a_string():
    cell = executed_cell("t", stdout("date: 2026-12-03\nnnlab 0.1.0\n"))
    cell.metadata["nnlab"] = {"varies": "^date: "}
    assert nbt.output_lines(cell) == ["[stdout]", "nnlab 0.1.0"]


def test_a_varies_pattern_that_is_not_a_regular_expression_is_reported():
    cell = varying(executed_cell("t", stdout("x\n")), "took (")
    with pytest.raises(nbt.NotebookError, match="nnlab.varies"):
        nbt.output_lines(cell)


def error(ename, evalue, *traceback):
    return new_output("error", ename=ename, evalue=evalue, traceback=list(traceback))


OURS = error("nnlab.grade.PartFailed", "part a: 0 / 2 points", "nnlab.grade.PartFailed: part a: 0 / 2 points",
             "    at In [7], line 1")
JJAVAS = error("RuntimeException", "nnlab.grade.PartFailed, part a: 0 / 2 points",
               "java.lang.RuntimeException: nnlab.grade.PartFailed, part a: 0 / 2 points",
               "\tat org.dflib.jjava.kernel.execution.CodeEvaluator.evalSingle(CodeEvaluator.java:145)")


def test_an_error_on_jjava_matches_the_same_exception_on_the_projects_kernel():
    old = java_notebook(executed_cell('grade.part("a");', OURS))
    new = java_notebook(executed_cell('grade.part("a");', JJAVAS))
    assert nbt.compare(old, new, "a.ipynb", tracebacks=False) == []
    assert len(nbt.compare(old, new, "a.ipynb")) == 1, "on the project's kernel the traceback is compared too"


@pytest.mark.parametrize("ename, evalue", [
    ("RuntimeException", "nnlab.grade.PartFailed, part a: 1 / 2 points"),     # another message
    ("RuntimeException", "java.lang.IllegalStateException, part a: 0 / 2 points"),  # another class
    ("CompilationException", "part a: 0 / 2 points"),
])
def test_a_different_exception_on_jjava_is_still_reported(ename, evalue):
    old = java_notebook(executed_cell('grade.part("a");', OURS))
    new = java_notebook(executed_cell('grade.part("a");', error(ename, evalue)))
    assert len(nbt.compare(old, new, "a.ipynb", tracebacks=False)) == 1


def test_a_runtime_exception_of_the_cell_itself_keeps_its_name():
    plain = error("RuntimeException", "boom, said the cell")
    assert nbt.error_identity(plain) == ("RuntimeException", "boom, said the cell")


def test_stream_split_into_different_chunks_compares_equal():
    old = java_notebook(executed_cell("t", stdout("a\nb\n")))
    new = java_notebook(executed_cell("t", stdout("a\n"), stdout("b\n")))
    assert nbt.compare(old, new, "a.ipynb") == []


def test_consecutive_pieces_of_one_stream_are_merged_and_the_order_kept():
    stderr = lambda text: new_output("stream", name="stderr", text=text)
    nb = java_notebook(executed_cell("t", stdout("a"), stdout("b\n"), stderr("w\n"), stderr("v\n"),
                                     image(PNG_A), stdout("c\n"), stdout("d\n")))
    nbt.merge_streams(nb)
    outputs = nb.cells[0].outputs
    assert [(o.output_type, o.get("name"), o.get("text")) for o in outputs] == [
        ("stream", "stdout", "ab\n"), ("stream", "stderr", "w\nv\n"), ("display_data", None, None),
        ("stream", "stdout", "c\nd\n")]


def test_jjava_kernelspec_points_at_the_jjava_folder_with_the_jvm_options(tmp_path):
    import json
    jjava = tmp_path / "jjava-kernelspec"
    jjava.mkdir()
    (jjava / "kernel.json").write_text(json.dumps({
        "argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"],
        "display_name": "Java (jjava)", "language": "java", "env": {}}))
    kernels = nbt.install_jjava(jjava, "--add-modules jdk.incubator.vector", tmp_path / "build")
    spec = json.loads((kernels / "java" / "kernel.json").read_text())
    assert spec["argv"][2:4] == [f"{jjava.resolve()}/jjava-launcher.jar", f"{jjava.resolve()}/jjava.jar"]
    assert spec["argv"][-1] == "{connection_file}"
    assert spec["env"] == {"JJAVA_JVM_OPTS": "--add-modules jdk.incubator.vector"}
    with pytest.raises(nbt.NotebookError, match="no kernel.json"):
        nbt.install_jjava(tmp_path, "", tmp_path / "build")


def test_stdout_and_stderr_are_told_apart():
    old = java_notebook(executed_cell("t", stdout("warning\n")))
    new = java_notebook(executed_cell("t", new_output("stream", name="stderr", text="warning\n")))
    assert len(nbt.compare(old, new, "a.ipynb")) == 1


def test_colour_codes_and_trailing_blanks_are_ignored():
    old = java_notebook(executed_cell("t", stdout("\x1b[32mok\x1b[0m  \n")))
    new = java_notebook(executed_cell("t", stdout("ok\n")))
    assert nbt.compare(old, new, "a.ipynb") == []


def test_changed_result_text_is_reported():
    old = java_notebook(executed_cell("1+1", new_output("execute_result", data={"text/plain": "2"},
                                                         execution_count=1)))
    new = java_notebook(executed_cell("1+1", new_output("execute_result", data={"text/plain": "3"},
                                                         execution_count=1)))
    problems = nbt.compare(old, new, "a.ipynb")
    assert len(problems) == 1 and "-2" in problems[0] and "+3" in problems[0]


def test_changed_error_text_is_reported():
    err = lambda msg: new_output("error", ename="IllegalArgumentException", evalue=msg, traceback=[msg])
    old = java_notebook(executed_cell("bad()", err("expected (3 × 2) but got (2 × 3)")))
    new = java_notebook(executed_cell("bad()", err("expected (3 × 2) but got (4 × 3)")))
    assert len(nbt.compare(old, new, "a.ipynb")) == 1


def test_images_are_not_compared_byte_for_byte_nor_their_object_label():
    old = java_notebook(executed_cell("chart", image(PNG_A, "BufferedImage@1111")))
    new = java_notebook(executed_cell("chart", image(PNG_B, "BufferedImage@2222")))
    assert nbt.compare(old, new, "a.ipynb") == []


def test_a_committed_image_missing_after_execution_is_reported():
    old = java_notebook(executed_cell("chart", image(PNG_A)))
    new = java_notebook(executed_cell("chart"))
    problems = nbt.compare(old, new, "a.ipynb")
    assert len(problems) == 1 and "image output missing" in problems[0] and "image/png" in problems[0]


def test_long_diffs_are_shortened():
    old = java_notebook(executed_cell("t", stdout("".join(f"row {i}\n" for i in range(100)))))
    new = java_notebook(executed_cell("t", stdout("".join(f"line {i}\n" for i in range(100)))))
    problem = nbt.compare(old, new, "a.ipynb")[0]
    assert "more diff lines" in problem
    assert len(problem.splitlines()) <= nbt.DIFF_LINES + 2


# committed without outputs

def test_notebook_committed_without_outputs_asks_for_update():
    nb = java_notebook(new_markdown_cell("# t"), new_code_cell("var x = 1;"), new_code_cell("x"))
    message = nbt.missing_outputs_problem(nb, "a.ipynb")
    assert message is not None and "a.ipynb" in message and "./run.sh --update" in message


def test_update_command_names_the_notebook_from_the_repository_root():
    nb = java_notebook(new_code_cell("var x = 1;"))
    path = nbt.ROOT / "notebooks" / "exercises" / "ex9.ipynb"
    assert "Run ./run.sh --update notebooks/exercises/ex9.ipynb and commit" in nbt.missing_outputs_problem(
        nb, "exercises/ex9.ipynb", path)


def test_partly_executed_notebook_names_the_unexecuted_cells():
    nb = java_notebook(executed_cell("var x = 1;"), new_markdown_cell("m"), new_code_cell("x"))
    assert "cells 3" in nbt.missing_outputs_problem(nb, "a.ipynb")


def test_empty_code_cells_need_no_outputs():
    nb = java_notebook(executed_cell("var x = 1;"), new_code_cell("  \n"))
    assert nbt.missing_outputs_problem(nb, "a.ipynb") is None


# kernelspec

def test_notebook_for_another_kernel_is_refused():
    nb = java_notebook(executed_cell("1"))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    with pytest.raises(nbt.NotebookError, match="expected a notebook for kernel 'java' but found kernel 'python3'"):
        nbt.require_java_kernel(nb, "a.ipynb")


def test_notebook_without_kernelspec_is_refused():
    nb = new_notebook(cells=[new_code_cell("1")])
    with pytest.raises(nbt.NotebookError, match="no kernelspec"):
        nbt.require_java_kernel(nb, "a.ipynb")


def test_refusal_happens_before_any_execution(tmp_path):
    nb = new_notebook(cells=[executed_cell("1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = tmp_path / "py.ipynb"
    nbformat.write(nb, path)
    result = nbt.process(path, "run", 10, tmp_path / "build")
    assert not result.passed and "kernel 'python3'" in result.problems[0]
    assert not (tmp_path / "build").exists()


# checks and summary

def test_checks_are_lines_starting_with_the_check_mark():
    nb = java_notebook(
        executed_cell("a", stdout("✔ loss = 0.2983 (document: 0.2983)\n✔ dW matches\nnote: ✔ inside\n")),
        executed_cell("b", new_output("execute_result", data={"text/plain": "✔ z(1) = 0.3775"},
                                      execution_count=2)),
        executed_cell("c", stdout("✔no space\n")))
    assert nbt.count_checks(nb) == 3


def test_summary_lists_every_notebook_and_ends_with_the_counts():
    results = [nbt.Result("backprop.ipynb", 12, 8.25, 31),
               nbt.Result("exercises/ex1.ipynb", 3, 1.0, 0, ["cell 2 failed"])]
    lines = nbt.format_summary(results, "notebooks").splitlines()
    assert lines[0].split() == ["notebook", "cells", "seconds", "checks", "result"]
    assert lines[2].split() == ["backprop.ipynb", "12", "8.2", "31", "ok"]
    assert lines[3].split() == ["exercises/ex1.ipynb", "3", "1.0", "0", "FAILED"]
    assert lines[-1] == "notebooks: 1 passed, 1 failed"


def test_summary_of_no_notebooks_says_so():
    text = nbt.format_summary([], "notebooks")
    assert "(no notebooks found)" in text and text.endswith("notebooks: 0 passed, 0 failed")


# what ./run.sh prints while a cell runs

def display(kind, display_id, text):
    return {"msg_type": kind, "content": {"data": {"text/plain": text}, "transient": {"display_id": display_id}}}


def test_live_echo_prints_the_lines_an_output_gains_as_it_is_replaced():
    printed = []
    echo = nbt.LiveEcho(printed.append, indent="| ")
    echo.message(display("display_data", "p1", "Trainer: SGD"))
    echo.message(display("update_display_data", "p1", "Trainer: SGD\nepoch 0 / 4  loss 2.3"))
    echo.message(display("update_display_data", "p1", "Trainer: SGD\nepoch 0 / 4  loss 2.3"))
    echo.message(display("update_display_data", "p1", "Trainer: SGD\nepoch 0 / 4  loss 2.3\ndone: 4 epochs"))
    assert printed == ["| Trainer: SGD", "| epoch 0 / 4  loss 2.3", "| done: 4 epochs"]


def test_live_echo_prints_a_changed_output_whole_and_ignores_other_messages():
    printed = []
    echo = nbt.LiveEcho(printed.append, indent="")
    echo.message(display("display_data", "t", "✗ part 1  0 / 2\n✗ part 2  0 / 3"))
    echo.message(display("update_display_data", "t", "✓ part 1  2 / 2\n✗ part 2  0 / 3"))
    echo.message({"msg_type": "stream", "content": {"name": "stdout", "text": "hello"}})
    echo.message({"msg_type": "display_data", "content": {"data": {"text/plain": "no id"}}})
    assert printed == ["✗ part 1  0 / 2", "✗ part 2  0 / 3", "✓ part 1  2 / 2", "✗ part 2  0 / 3"]


# discovery and the command line

def test_discover_takes_the_three_folders_in_order(tmp_path):
    for rel in ["notebooks/b.ipynb", "notebooks/a.ipynb", "notebooks/exercises/e.ipynb",
                "notebooks/templates/t.ipynb", "notebooks/.ipynb_checkpoints/a-checkpoint.ipynb",
                "notebooks/other/o.ipynb"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}")
    found = [p.relative_to(tmp_path).as_posix() for p in nbt.discover(tmp_path)]
    assert found == ["notebooks/a.ipynb", "notebooks/b.ipynb", "notebooks/exercises/e.ipynb",
                     "notebooks/templates/t.ipynb"]


def test_discover_with_no_notebook_folder_finds_nothing(tmp_path):
    assert nbt.discover(tmp_path) == []


def test_test_mode_fails_a_notebook_without_outputs_before_executing(tmp_path, capsys):
    path = tmp_path / "fresh.ipynb"
    nbformat.write(java_notebook(new_code_cell("var x = 1;")), path)
    assert nbt.main(["test", str(path), "--build", str(tmp_path / "build")]) == 1
    captured = capsys.readouterr()
    assert "./run.sh --update" in captured.err
    assert captured.out.rstrip().endswith("notebooks: 0 passed, 1 failed")


def test_unknown_notebook_path_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        nbt.main(["run", str(tmp_path / "nope.ipynb")])
    assert stop.value.code == 2 and "no such notebook" in capsys.readouterr().err


def test_unreadable_notebook_is_reported(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{ not json")
    result = nbt.process(path, "test", 10, tmp_path / "build")
    assert not result.passed and "not a readable notebook" in result.problems[0]


def test_cell_error_message_names_notebook_cell_and_error():
    cell = executed_cell("net.forward(x)", new_output(
        "error", ename="IllegalArgumentException", evalue="x must be (n × 2), got (n × 3)",
        traceback=["\x1b[1;31mjava.lang.IllegalArgumentException: x must be (n × 2)\x1b[0m",
                   "\tat nnlab.Net.forward(Net.java:40)"]))
    message = nbt.cell_error_message("intro.ipynb", 4, cell)
    assert message.startswith("intro.ipynb, cell 4 ('net.forward(x)') failed: "
                              "IllegalArgumentException: x must be (n × 2), got (n × 3)")
    assert "at nnlab.Net.forward(Net.java:40)" in message and "\x1b" not in message


# with the real kernel

def _java_kernel_installed():
    from jupyter_client.kernelspec import KernelSpecManager
    return "java" in KernelSpecManager().find_kernel_specs()


needs_kernel = pytest.mark.skipif(not _java_kernel_installed(),
                                  reason="the 'java' kernel is not installed in this environment")


@needs_kernel
def test_executing_reports_the_failing_cell_and_its_error(tmp_path):
    path = tmp_path / "fails.ipynb"
    nbformat.write(java_notebook(new_markdown_cell("# t"), new_code_cell('System.out.println("✔ one");'),
                                 new_code_cell('throw new IllegalStateException("broken on purpose");')), path)
    result = nbt.process(path, "run", 120, tmp_path / "build")
    assert not result.passed
    assert result.problems[0].startswith("fails.ipynb, cell 3 (")
    assert "broken on purpose" in result.problems[0]
    assert result.checks == 1


@needs_kernel
def test_run_update_then_test_round_trip(tmp_path):
    path = tmp_path / "ok.ipynb"
    nbformat.write(java_notebook(new_code_cell('System.out.println("✔ sum " + (1 + 2));'),
                                 new_code_cell('System.out.println(System.nanoTime() + " ns [varies]");')), path)
    build = tmp_path / "build"
    assert nbt.main(["run", "--update", str(path), "--build", str(build)]) == 0
    assert (build / "html" / "ok.html").is_file() and (build / "notebooks" / "ok.ipynb").is_file()
    updated = nbformat.read(path, as_version=4)
    assert updated.cells[0].outputs[0].text == "✔ sum 3\n"
    assert nbt.main(["test", str(path), "--build", str(build)]) == 0
    updated.cells[0].outputs[0].text = "✔ sum 4\n"
    nbformat.write(updated, path)
    assert nbt.main(["test", str(path), "--build", str(build)]) == 1
