"""The kernel's stdout and stderr as a front end receives them: buffered, in order, nothing lost."""
import time

from test_kernel import streams, only_error, wait_for_stdout


def kinds(outputs):
    """(type, stream name or None) of every output, in order."""
    return [(o["type"], o.get("name")) for o in outputs]


def test_a_print_heavy_cell_keeps_every_line_in_few_messages(kernel):
    outputs = kernel.ok('for (int i = 0; i < 20000; i++) System.out.println("line " + i);')
    assert streams(outputs, "stdout").splitlines() == ["line %d" % i for i in range(20000)]
    # one message per println would be 20,000 (front ends drop messages beyond ~1000/s)
    assert len(outputs) < 100, len(outputs)


def test_a_snippet_printing_in_pieces_is_one_stream_output(kernel):
    # one block is one JShell snippet: compiling each snippet of a cell takes longer than the flush timer
    outputs = kernel.ok('{\n    System.out.printf("%d %s%n", 1, "one");\n'
                        '    System.out.print("two");\n'
                        '    System.out.println();\n}')
    assert outputs == [{"type": "stream", "name": "stdout", "text": "1 one\ntwo\n"}]


def test_text_printed_before_a_display_comes_before_it(kernel):
    outputs = kernel.ok('System.out.println("before");\n'
                        'display("shown");\n'
                        'System.out.println("after");\n'
                        '"value"')
    assert kinds(outputs) == [("stream", "stdout"), ("display_data", None), ("stream", "stdout"),
                              ("execute_result", None)]
    assert [o.get("text") for o in outputs if o["type"] == "stream"] == ["before\n", "after\n"]


def test_stdout_and_stderr_keep_their_interleaving(kernel):
    outputs = kernel.ok('{ System.out.print("a"); System.err.print("b"); System.out.print("c"); '
                        'System.out.println("d"); }')
    assert [(o["name"], o["text"]) for o in outputs] == [("stdout", "a"), ("stderr", "b"), ("stdout", "cd\n")]


def test_text_without_newline_is_sent_before_the_value_and_before_an_error(kernel):
    outputs = kernel.ok('System.out.print("no newline");\n1 + 1')
    assert kinds(outputs) == [("stream", "stdout"), ("execute_result", None)]
    reply, outputs = kernel.run('System.out.print("last words");\nthrow new IllegalStateException("boom")')
    assert reply["status"] == "error"
    assert kinds(outputs) == [("stream", "stdout"), ("error", None)]
    assert outputs[0]["text"] == "last words"


def test_text_reaches_the_notebook_while_the_cell_still_runs(kernel):
    msg_id = kernel.execute('System.out.print("tick");\nThread.sleep(3000);\nSystem.out.print("tock");')
    wait_for_stdout(kernel, msg_id, "tick")  # sent by the timer, before the cell ends
    # the cell is still sleeping: its reply has not come yet
    assert not kernel.kc.shell_channel.msg_ready()
    reply, outputs = kernel.collect(msg_id)
    assert reply["status"] == "ok"
    assert streams(outputs, "stdout") == "tock"


def test_interrupt_loses_nothing_printed_before_it(kernel):
    msg_id = kernel.execute('for (int i = 0; i < 500; i++) System.out.println("before " + i);\n'
                            'System.out.print("running");\n'
                            'while (true) { }')
    wait_for_stdout(kernel, msg_id, "running")
    kernel.km.interrupt_kernel()
    reply, outputs = kernel.collect(msg_id)
    assert reply["ename"] == "Interrupted"
    assert outputs[-1]["type"] == "error" and only_error(outputs)
    after_interrupt = streams(outputs, "stdout")
    assert after_interrupt == "", "everything was sent before the interrupt: " + after_interrupt
    # the next cell prints normally
    assert streams(kernel.ok('System.out.println("next cell");'), "stdout") == "next cell\n"
