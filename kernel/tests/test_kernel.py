"""Protocol-level tests of the nnlab Java kernel: what a notebook front end sends and receives."""
import base64
import os
import sys
import struct
import time

import pytest

KERNEL_JAR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "target", "nnlab-kernel.jar")
INTERNAL = ("jdk.jshell", "jdk.internal", "nnlab.kernel", "io.github.spencerpark", "REPL.", "java.lang.reflect")


def png_size(b64):
    """Width and height from a PNG's IHDR chunk, after checking the signature."""
    data = base64.b64decode(b64)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def streams(outputs, name):
    return "".join(o["text"] for o in outputs if o["type"] == "stream" and o["name"] == name)


def only_error(outputs):
    errors = [o for o in outputs if o["type"] == "error"]
    assert len(errors) == 1, outputs
    return errors[0]


# --- execution, state, streams -------------------------------------------------------------------------

def test_kernel_info_names_java(kernel):
    kernel.kc.kernel_info()
    reply = kernel.kc.get_shell_msg(timeout=30)
    assert reply["content"]["language_info"]["name"] == "java"


def test_execute_result_of_last_expression(kernel):
    reply, outputs = kernel.run("int a = 20;\na * 2 + 2")
    assert reply["status"] == "ok"
    results = [o for o in outputs if o["type"] == "execute_result"]
    assert [r["data"]["text/plain"] for r in results] == ["42"]
    assert results[0]["execution_count"] == reply["execution_count"]


def test_state_is_kept_across_cells(kernel):
    kernel.ok("double[] w = {0.5, -1.0};")
    kernel.ok("w[1] = 3.0;")
    assert kernel.value("w[0] + w[1]") == "3.5"


def test_declarations_and_void_calls_show_no_result(kernel):
    outputs = kernel.ok("int unused = 3;\nSystem.out.print(\"\")")
    assert [o for o in outputs if o["type"] == "execute_result"] == []


def test_print_reaches_stdout_and_stderr_streams(kernel):
    outputs = kernel.ok('System.out.println("to out");\nSystem.err.println("to err");\nSystem.out.print("no newline")')
    assert streams(outputs, "stdout") == "to out\nno newline"
    assert streams(outputs, "stderr") == "to err\n"


# --- display ------------------------------------------------------------------------------------------

def test_display_of_buffered_image_is_png(kernel):
    outputs = kernel.ok("import java.awt.image.BufferedImage;\n"
                        "var img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);\n"
                        "String id = display(img);")
    shown = [o for o in outputs if o["type"] == "display_data"]
    assert len(shown) == 1
    assert png_size(shown[0]["data"]["image/png"]) == (7, 5)
    assert shown[0]["transient"]["display_id"]


def test_image_as_last_expression_and_update_display(kernel):
    outputs = kernel.ok("var small = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_ARGB);"
                        "\nsmall")
    assert png_size(outputs[-1]["data"]["image/png"]) == (3, 2)
    kernel.ok("%classpath libs/nnlab.jar")
    assert kernel.value("small") == "image 3×2"  # the library's text, not BufferedImage@1a2b3c
    outputs = kernel.ok('String shown = display("first");\nupdateDisplay(shown, "second");')
    update = [o for o in outputs if o["type"] == "update_display_data"]
    assert update and update[0]["data"]["text/plain"] == "second"


def test_display_as_chosen_mime_type(kernel):
    outputs = kernel.ok('display("<b>bold</b>", "text/html");')
    assert outputs[0]["data"]["text/html"] == "<b>bold</b>"


def test_tablesaw_table_is_html_without_logging_noise(kernel):
    kernel.ok("%jars libs/*.jar")
    reply, outputs = kernel.run('import tech.tablesaw.api.*;\n'
                                'Table t = Table.create("losses", IntColumn.create("epoch", 1, 2),\n'
                                '    DoubleColumn.create("loss", 0.25, 0.125));\n'
                                't')
    assert reply["status"] == "ok", outputs
    assert [o["type"] for o in outputs] == ["execute_result"], outputs  # no SLF4J or INFO lines
    html = outputs[0]["data"]["text/html"]  # made by the library (nnlab.viz.Rendering), as under JJava
    assert 'tabular-nums">epoch</th>' in html and 'tabular-nums">loss</th>' in html
    assert 'tabular-nums">2</td>' in html and 'tabular-nums">0.125</td>' in html
    assert outputs[0]["data"]["text/plain"].startswith("losses (2 rows × 2 columns)\n")


def test_library_jar_ships_the_jjava_extension_but_not_jjava(lib_jar):
    import zipfile
    names = set(zipfile.ZipFile(lib_jar).namelist())
    assert "META-INF/services/org.dflib.jjava.jupyter.Extension" in names
    assert "nnlab/jjava/NnlabExtension.class" in names
    assert not [n for n in names if n.startswith("org/dflib/")], "JJava's classes are provided by JJava"
    assert "META-INF/services/org.slf4j.spi.SLF4JServiceProvider" in names  # no "No SLF4J providers" notice


def test_xchart_chart_is_png(kernel):
    kernel.ok("%jars libs/*.jar")
    outputs = kernel.ok('import org.knowm.xchart.*;\n'
                        'XYChart chart = new XYChartBuilder().width(320).height(240).title("Loss").build();\n'
                        'chart.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3});\n'
                        'chart')
    data = outputs[-1]["data"]
    assert png_size(data["image/png"]) == (320, 240)
    assert data["text/plain"] == 'XYChart "Loss"'
    shown = kernel.ok("display(chart);")
    assert png_size(shown[0]["data"]["image/png"]) == (320, 240)


# --- magics -------------------------------------------------------------------------------------------

def test_jars_glob_makes_classes_usable_in_the_same_cell(kernel):
    assert kernel.value("%jars libs/*.jar\ntech.tablesaw.api.Table.class.getSimpleName()") == "Table"


def test_jars_glob_matching_nothing_is_a_clear_error(kernel):
    reply, outputs = kernel.run("%jars nowhere/*.jar")
    assert reply["status"] == "error"
    assert reply["ename"] == "MagicError"
    assert 'no file matches "nowhere/*.jar"' in reply["evalue"]
    assert "mvn -q package" in reply["evalue"]


def test_classpath_adds_a_class_folder(kernel, workdir):
    kernel.ok("%classpath classes")
    assert kernel.value("new demo.Greeter().hi()") == "hi from classes"
    assert kernel.ok("%classpath") == []  # alone it does nothing, as in JJava


def test_jars_still_works_with_jjavas_deprecation_notice(kernel):
    outputs = kernel.ok("%jars libs/*.jar")
    assert streams(outputs, "stderr").startswith("'%jars' magic is deprecated")
    assert "'%classpath' should be used" in streams(outputs, "stderr")


def test_time_shows_cpu_and_wall_time_then_the_value(kernel):
    outputs = kernel.ok("%%time\nlong sum = 0;\nfor (int i = 0; i < 1000; i++) sum += i;\nsum")
    texts = [o["data"]["text/plain"] for o in outputs if o["type"] == "display_data"]
    assert len(texts) == 2 and texts[0].startswith("CPU times: user ") and texts[1].startswith("Wall time: ")
    assert outputs[-1]["type"] == "execute_result" and outputs[-1]["data"]["text/plain"] == "499500"


def test_maven_resolves_an_artifact(kernel, has_mvn):
    value = kernel.value("%maven org.apache.commons:commons-lang3:3.14.0\n"
                         'org.apache.commons.lang3.StringUtils.reverse("abc")')
    assert value == "cba"


def test_maven_errors_name_the_problem(kernel, has_mvn):
    reply, _ = kernel.run("%maven commons-lang3")
    assert reply["ename"] == "MagicError" and "group:artifact:version" in reply["evalue"]
    reply, _ = kernel.run("%maven org.nnlab.absent:no-such-artifact:0.0.1", timeout=180)
    assert reply["status"] == "error"
    assert "could not resolve org.nnlab.absent:no-such-artifact:0.0.1" in reply["evalue"]


def test_load_runs_a_file_of_snippets(kernel):
    kernel.ok("%load setup.jsh")
    assert kernel.value('greet("student") + " " + loaded') == "hello student 5"


def test_load_of_missing_file_and_unknown_magic(kernel, workdir):
    reply, _ = kernel.run("%load absent.jsh")
    assert reply["ename"] == "MagicError"
    assert f"there is no file {workdir / 'absent.jsh'}" in reply["evalue"]
    reply, _ = kernel.run("%timeit 1 + 1")
    assert reply["ename"] == "MagicError"
    assert "Unknown magic %timeit" in reply["evalue"] and "%jars" in reply["evalue"]


# --- errors -------------------------------------------------------------------------------------------

def test_compile_error_shows_message_line_and_source(kernel):
    reply, outputs = kernel.run("int a1 = 1;\n\nint b1 = a1 + undefinedName;")
    assert reply["status"] == "error"
    assert reply["ename"] == "CompilationError"
    error = only_error(outputs)
    assert error["evalue"].endswith("line 3: error: cannot find symbol")
    assert "    int b1 = a1 + undefinedName;" in error["traceback"]
    caret = error["traceback"][error["traceback"].index("    int b1 = a1 + undefinedName;") + 1]
    assert caret == "    " + " " * len("int b1 = a1 + ") + "^" * len("undefinedName")


def test_runtime_error_shows_class_message_and_cell_lines_only(kernel):
    defining = kernel.ok("int perSample(int total, int n) {\n    return total / n;\n}")
    assert defining == []
    reply, outputs = kernel.run("int total = 10;\nperSample(total, 0)")
    assert reply["status"] == "error"
    assert reply["ename"] == "java.lang.ArithmeticException"
    assert reply["evalue"] == "/ by zero"
    error = only_error(outputs)
    trace = error["traceback"]
    assert trace[0] == "java.lang.ArithmeticException: / by zero"
    n = reply["execution_count"]
    assert trace[1] == f"    at perSample (In [{n - 1}], line 2)"
    assert trace[2] == f"    at In [{n}], line 2"
    assert not [line for line in trace if any(p in line for p in INTERNAL)], trace
    assert reply["traceback"] == trace


def test_caused_by_chain_is_kept(kernel):
    reply, _ = kernel.run('throw new IllegalStateException("outer", new ArithmeticException("inner"))')
    assert reply["ename"] == "java.lang.IllegalStateException"
    assert "Caused by: java.lang.ArithmeticException: inner" in reply["traceback"]


def test_kernel_survives_stack_overflow_and_out_of_memory(kernel):
    kernel.ok("String survivor = \"still here\";")
    kernel.ok("int depth(int n) { return depth(n + 1) + 1; }")
    reply, _ = kernel.run("depth(0)")
    assert reply["ename"] == "java.lang.StackOverflowError"
    assert any("repeated" in line for line in reply["traceback"]), reply["traceback"]
    reply, _ = kernel.run("{\n    List<long[]> hog = new ArrayList<>();\n    while (true) hog.add(new long[1 << 20]);\n}",
                          timeout=120)
    assert reply["ename"] == "java.lang.OutOfMemoryError"
    assert kernel.value("survivor") == "still here"


# --- interrupt ----------------------------------------------------------------------------------------

def wait_for_stdout(kernel, msg_id, text, timeout=60):
    """Reads the cell's output until `text` was printed: then the cell is surely running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kernel.kc.get_iopub_msg(timeout=timeout)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                and text in msg["content"]["text"]):
            return
    raise AssertionError(f"the cell never printed {text!r}")


@pytest.mark.parametrize("body", ["while (true) { }", "Thread.sleep(600_000);"])
def test_interrupt_stops_the_cell_and_keeps_state(kernel, body):
    kernel.ok("int before = 41;")
    msg_id = kernel.execute(f'before++;\nSystem.out.println("running");\n{body}\nbefore = -1;')
    wait_for_stdout(kernel, msg_id, "running")
    started = time.monotonic()
    kernel.km.interrupt_kernel()
    reply, outputs = kernel.collect(msg_id)
    assert time.monotonic() - started < 30
    assert reply["status"] == "error"
    assert reply["ename"] == "Interrupted"
    assert only_error(outputs)["evalue"] == "interrupted"
    assert kernel.value("before") == "42"


# --- front-end helpers --------------------------------------------------------------------------------

def test_history_request_is_answered(kernel):
    kernel.ok("int remembered = 1;")
    msg_id = kernel.kc.history(hist_access_type="tail", n=5)
    reply = kernel.kc.get_shell_msg(timeout=30)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "ok"
    assert any("remembered" in entry[2] for entry in reply["content"]["history"])


def test_is_complete_and_completion(kernel):
    kernel.kc.is_complete("for (int i = 0; i < 3; i++) {")
    assert kernel.kc.get_shell_msg(timeout=30)["content"]["status"] == "incomplete"
    kernel.kc.is_complete("int done = 1;")
    assert kernel.kc.get_shell_msg(timeout=30)["content"]["status"] == "complete"
    code = "int ignored = 0;\nMath.ab"
    kernel.kc.complete(code, len(code))
    content = kernel.kc.get_shell_msg(timeout=30)["content"]
    assert "abs(" in content["matches"]
    assert content["cursor_start"] == len(code) - 2
    types = content["metadata"]["_jupyter_types_experimental"]
    assert len(types) == len(content["matches"])
    assert {t["type"] for t in types if t["text"] == "abs("} == {"function"}
    kernel.kc.complete("%ma", 3)
    content = kernel.kc.get_shell_msg(timeout=30)["content"]
    assert content["matches"] == ["%maven"] and content["cursor_start"] == 0


def test_inspect_shows_the_librarys_javadoc(kernel):
    kernel.ok("%classpath libs/nnlab.jar\nimport nnlab.check.*;")
    code = "Check.closeRelative"
    kernel.kc.inspect(code, 8)
    content = kernel.kc.get_shell_msg(timeout=30)["content"]
    assert content["found"]
    assert "for values whose size varies over decades" in content["data"]["text/plain"]


# --- installation -------------------------------------------------------------------------------------

def test_kernelspec_is_installed_in_this_environment(kernelspec):
    assert os.path.realpath(kernelspec.resource_dir).startswith(os.path.realpath(sys.prefix))
    assert kernelspec.language == "java"
    assert kernelspec.interrupt_mode == "message"
    assert "-Djava.awt.headless=true" in kernelspec.argv
    assert kernelspec.argv[-3:] == ["-jar", KERNEL_JAR, "{connection_file}"]
    assert os.path.isabs(kernelspec.argv[0])
