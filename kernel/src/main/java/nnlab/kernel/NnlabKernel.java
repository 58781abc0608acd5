package nnlab.kernel;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.CompleteReply;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.request.CompleteRequest;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A Jupyter kernel for Java: each cell is split into magics and JShell snippets, run in this JVM, and its last
 * expression is displayed through the base library's renderers (images as PNG, Tablesaw tables as HTML,
 * XChart charts as PNG, anything else as text).
 */
public final class NnlabKernel extends BaseKernel {
    /** What every cell sees, as in IJava: common packages and the display functions. */
    static final List<String> STARTUP_SNIPPETS = List.of(
            "import java.util.*;", "import java.io.*;", "import java.math.*;", "import java.net.*;",
            "import java.time.*;", "import java.util.concurrent.*;", "import java.util.prefs.*;", "import java.util.regex.*;",
            "import static nnlab.kernel.Display.*;");

    /** JShell loads and warms up the compiler slowly; that happens while the front end connects. */
    private final CompletableFuture<JShell> shellReady;
    private final CellExecutionControl control;
    private final SnippetOrigins origins = new SnippetOrigins();
    private final SessionHistory history = new SessionHistory();
    private final KernelMagics magics;
    private final LanguageInfo languageInfo;
    private final SourceDocs sourceDocs;
    /** Sends the cells' buffered stdout and stderr; one daemon thread for the whole session. */
    private final ScheduledExecutorService outputTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nnlab-output");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean interrupted;
    private volatile CellError lastError;

    public NnlabKernel() {
        CellExecutionControl.Provider provider = new CellExecutionControl.Provider();
        this.control = provider.control();
        this.sourceDocs = new SourceDocs(this::qualifiedNames,
                resource -> {
                    ClassLoader loader = control.notebookLoader();
                    return loader == null ? null : loader.getResource(resource);
                });
        this.shellReady = CompletableFuture.supplyAsync(() -> startShell(provider));
        shellReady.thenAccept(shell -> origins.mapLiveFrames(LiveFrames.of(shell)));
        this.magics = new KernelMagics(new KernelMagics.Session() {
            @Override
            public void addToClasspath(Path entry) {
                shell().addToClasspath(entry.toString());
            }

            @Override
            public Object runFile(Path file, String text) throws Exception {
                return runCell(text, file.getFileName().toString());
            }
        }, MavenResolver.inUserCache());
        this.languageInfo = new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
        LibraryRenderers.register(getRenderer(), control::notebookLoader);
        Display.attach(this);
    }

    private static JShell startShell(CellExecutionControl.Provider provider) {
        JShell shell = JShell.builder().executionEngine(provider, Map.of()).build();
        shell.addToClasspath(ownCodeSource().toString()); // so snippets compile against Display
        for (String snippet : STARTUP_SNIPPETS) {
            for (SnippetEvent event : shell.eval(snippet)) {
                if (event.status() == Snippet.Status.REJECTED) {
                    throw new IllegalStateException("Start-up snippet failed: " + snippet);
                }
            }
        }
        return shell;
    }

    /** The JShell session, once started. */
    private JShell shell() {
        return shellReady.join();
    }

    private static Path ownCodeSource() {
        try {
            return Path.of(NnlabKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the kernel's own jar", e);
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "nnlab Java kernel (JShell, Java " + Runtime.version() + ")";
    }

    @Override
    public HistoryManager getHistoryManager() {
        return history;
    }

    /** The error of the cell being answered, for {@link KernelConnection}. */
    CellError lastError() {
        return lastError;
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        int count = executionCount.get() - 1; // the base class counted this cell already
        interrupted = false;
        control.allowRuns();
        lastError = null;
        history.add(count, code);
        PrintStream notebookOut = System.out;
        PrintStream notebookErr = System.err;
        CellOutput output = new CellOutput(getIO().out, getIO().err, outputTimer);
        System.setOut(output.out());
        System.setErr(output.err());
        System.getProperties().put(SnippetOrigins.CELL_LINE_PROPERTY, origins.cellLineFunction());
        try {
            Object value = runCell(code, "In [" + count + "]");
            if (interrupted) {
                throw interruptedError();
            }
            // as in JJava, a null value shows nothing
            return value == CellExecutionControl.NO_RESULT || value == null ? null : render(value);
        } catch (CellFailure failure) {
            lastError = new CellError(failure.name, failure.value, failure.traceback, count);
            throw lastError;
        } catch (Throwable t) { // a kernel fault must still reach the notebook, and the kernel must live on
            List<String> lines = new ArrayList<>();
            lines.add("The kernel failed to run this cell: " + t);
            lines.add("Your variables are kept; please report this with the cell's code.");
            lastError = new CellError("KernelError", String.valueOf(t), lines, count);
            throw lastError;
        } finally {
            control.clearResults();
            System.getProperties().remove(SnippetOrigins.CELL_LINE_PROPERTY);
            output.close(); // before the base library publishes the value or the error
            System.setOut(notebookOut);
            System.setErr(notebookErr);
        }
    }

    private DisplayData render(Object value) throws CellFailure {
        if (value == null) {
            return new DisplayData("null");
        }
        try {
            return getRenderer().render(value);
        } catch (RuntimeException e) {
            throw CellFailure.of("DisplayError", "the cell ran, but its value (a " + value.getClass().getName()
                    + ") could not be shown: " + e.getMessage());
        }
    }

    @Override
    public List<String> formatError(Exception e) {
        return e instanceof CellError error ? error.traceback() : super.formatError(e);
    }

    /** Runs a cell's magics and code in order; returns the last code's value or NO_RESULT. */
    private Object runCell(String cell, String label) throws Exception {
        List<CellParser.Segment> segments = parse(cell);
        if (!segments.isEmpty() && segments.get(0) instanceof CellParser.Magic first && first.name().equals("%time")) {
            return timed(() -> runSegments(segments.subList(1, segments.size()), label)); // %%time: the whole cell
        }
        return runSegments(segments, label);
    }

    private Object runSegments(List<CellParser.Segment> segments, String label) throws Exception {
        Object value = CellExecutionControl.NO_RESULT;
        for (CellParser.Segment segment : segments) {
            if (interrupted) {
                throw interruptedError();
            }
            if (segment instanceof CellParser.Magic magic && magic.name().equals("time")) {
                value = magic.text().isEmpty() ? CellExecutionControl.NO_RESULT
                        : timed(() -> runCode(magic.text(), label, magic.line()));
            } else if (segment instanceof CellParser.Magic magic) {
                value = runMagic(magic, label);
            } else {
                CellParser.Code code = (CellParser.Code) segment;
                value = runCode(code.source(), label, code.line());
            }
        }
        return value;
    }

    /**
     * Runs code and then shows its CPU and wall time as JJava's {@code %time} does (two text displays). CPU
     * time is that of the code's own threads; wall time includes JShell compiling it.
     */
    private Object timed(Callable<Object> code) throws Exception {
        long cpu = control.cpuNanos();
        long user = control.userNanos();
        long start = System.nanoTime();
        try {
            return code.call();
        } finally {
            double wall = (System.nanoTime() - start) / 1e9;
            double total = (control.cpuNanos() - cpu) / 1e9;
            double userSeconds = (control.userNanos() - user) / 1e9;
            System.out.flush(); // what the code printed comes first
            System.err.flush();
            display(new DisplayData(String.format(Locale.ROOT, "CPU times: user %.3f s, sys %.3f s, total %.3f s",
                    userSeconds, total - userSeconds, total)));
            display(new DisplayData(String.format(Locale.ROOT, "Wall time: %.3f s", wall)));
        }
    }

    private static List<CellParser.Segment> parse(String cell) throws CellFailure {
        try {
            return CellParser.parse(cell);
        } catch (IllegalArgumentException e) {
            throw CellFailure.of("MagicError", e.getMessage());
        }
    }

    private Object runMagic(CellParser.Magic magic, String label) throws Exception {
        try {
            return magics.run(magic.name(), magic.args());
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (interrupted) {
                throw interruptedError();
            }
            throw CellFailure.of("MagicError", label + ", line " + (magic.line() + 1) + ": " + e.getMessage());
        }
    }

    /** Splits code into JShell snippets and runs them in turn; stops at the first failure. */
    private Object runCode(String source, String label, int firstLine) throws CellFailure {
        SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
        Object value = CellExecutionControl.NO_RESULT;
        String rest = source;
        int line = firstLine;
        while (!rest.isBlank()) {
            if (interrupted) {
                throw interruptedError();
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break; // only comments are left
            }
            String snippet;
            String remaining;
            if (info.completeness().isComplete()) {
                snippet = info.source();
                remaining = info.remaining();
            } else {
                snippet = rest; // unfinished or unparsable: let javac say what is wrong with it
                remaining = "";
            }
            value = runSnippet(snippet, label, line);
            String consumed = rest.substring(0, rest.length() - remaining.length());
            line += (int) consumed.chars().filter(c -> c == '\n').count();
            rest = remaining;
        }
        return value;
    }

    private Object runSnippet(String source, String label, int line) throws CellFailure {
        Object value = CellExecutionControl.NO_RESULT;
        for (SnippetEvent event : shell().eval(source)) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet was updated, not run
            }
            Snippet snippet = event.snippet();
            // JShell numbers a snippet's lines at run time from its first non-blank line
            String blankLead = source.substring(0, source.length() - source.stripLeading().length());
            origins.record(snippet.id(), label, line + (int) blankLead.chars().filter(c -> c == '\n').count());
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileFailure(snippet, label, line);
            }
            if (interrupted) {
                throw interruptedError();
            }
            if (event.exception() != null) {
                throw runtimeFailure(event.exception());
            }
            Object result = control.takeResult(event.value());
            value = isExpression(snippet) ? result : CellExecutionControl.NO_RESULT;
        }
        return value;
    }

    /**
     * JJava's rule, so a notebook shows the same under both kernels: a variable's name, or any expression
     * other than an assignment to a variable, shows its value, also when written with a semicolon
     * ({@code Math.sqrt(2);}, {@code a[0] = 1;}, {@code System.out.printf(...);}). Void calls are statements.
     */
    private static boolean isExpression(Snippet snippet) {
        switch (snippet.subKind()) {
            case VAR_VALUE_SUBKIND:
            case OTHER_EXPRESSION_SUBKIND:
            case TEMP_VAR_EXPRESSION_SUBKIND:
                return true;
            default:
                return false;
        }
    }

    private CellFailure compileFailure(Snippet snippet, String label, int firstLine) {
        String source = snippet.source();
        List<String> lines = new ArrayList<>();
        String headline = null;
        for (Diag diag : shell().diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList())) {
            List<String> block = compileBlock(diag, source, label, firstLine);
            if (headline == null) {
                headline = block.get(0);
            }
            lines.addAll(block);
        }
        if (headline == null) {
            headline = label + ": error: this code was rejected (" + snippet.kind() + ")";
            lines.add(headline);
        }
        return new CellFailure("CompilationError", headline, lines);
    }

    /** One javac error, located in the cell: see {@link ErrorText#compile}. */
    private static List<String> compileBlock(Diag diag, String source, String label, int firstLine) {
        long pos = diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
        String message = diag.getMessage(Locale.ENGLISH);
        if (pos < 0 || pos > source.length()) {
            return ErrorText.compile(label, message, null, 0, 0);
        }
        int lineStart = source.lastIndexOf('\n', (int) pos - 1) + 1;
        int lineEnd = source.indexOf('\n', (int) pos);
        String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        int cellLine = firstLine + (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        long end = Math.min(Math.max(diag.getEndPosition(), pos + 1), lineStart + text.length());
        return ErrorText.compile(label + ", line " + (cellLine + 1), message, text,
                (int) pos - lineStart, (int) end - lineStart);
    }

    private CellFailure runtimeFailure(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet snippet = unresolved.getSnippet();
            String missing = String.join(", ", shell().unresolvedDependencies(snippet).collect(Collectors.toList()));
            String message = snippet.source().strip().lines().findFirst().orElse("") + " uses " + missing
                    + ", which is not declared yet. Run the cell that declares it first.";
            return CellFailure.of("UnresolvedReferenceException", message);
        }
        ErrorText.Failure failure = failureOf((EvalException) exception);
        List<String> lines = ErrorText.runtime(failure, origins);
        return new CellFailure(failure.className(), failure.message() == null ? "" : failure.message(), lines);
    }

    private static ErrorText.Failure failureOf(EvalException e) {
        ErrorText.Failure cause = e.getCause() instanceof EvalException c ? failureOf(c) : null;
        String message = e.getMessage();
        if (message != null && message.equals(e.getExceptionClassName())) {
            message = null; // JShell substitutes the class name for a missing message
        }
        if (message != null) {
            message = ErrorText.withoutWrapperNames(message);
        }
        return new ErrorText.Failure(ErrorText.withoutWrapperNames(e.getExceptionClassName()), message,
                e.getStackTrace(), cause);
    }

    private static CellFailure interruptedError() {
        return new CellFailure("Interrupted", "interrupted", List.of("Interrupted: the cell was stopped. Variables "
                + "defined before it keep their values."));
    }

    /** Stops the running cell: its snippet thread, or a running %maven. */
    @Override
    public void interrupt() {
        interrupted = true;
        magics.cancel();
        control.stop();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        interrupt();
        shellReady.thenAccept(JShell::close);
    }

    @Override
    public String isComplete(String code) {
        String rest = blankMagics(code);
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = shell().sourceCodeAnalysis().analyzeCompletion(rest);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE:
                    return "    ";
                case UNKNOWN:
                    return IS_COMPLETE_BAD;
                case EMPTY:
                    return IS_COMPLETE_YES;
                default:
                    rest = info.remaining();
            }
        }
        return IS_COMPLETE_YES;
    }

    /** A completion: what may replace {@code [start, end)}, each with its kind and signature. */
    record Completion(List<String> matches, int start, int end, List<Map<String, Object>> types) {
    }

    /** Line magics after {@code %} (cell magics after {@code %%}) at the start of a line, up to the cursor. */
    private static final java.util.regex.Pattern MAGIC_PREFIX = java.util.regex.Pattern.compile("^(%%?)([\\w-]*)$");
    /** Signatures are looked up for this many completions at most (JShell takes tens of ms for each). */
    static final int SIGNATURES_FOR = 12;

    Completion completion(String code, int at) {
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        java.util.regex.Matcher magic = MAGIC_PREFIX.matcher(code.substring(lineStart, at));
        if (magic.matches()) {
            boolean cell = magic.group(1).length() == 2;
            List<String> names = new ArrayList<>();
            List<Map<String, Object>> types = new ArrayList<>();
            for (String name : cell ? KernelMagics.CELL_NAMES : KernelMagics.NAMES) {
                if (name.startsWith(magic.group(2))) {
                    names.add(magic.group(1) + name);
                    types.add(Map.of("start", lineStart, "end", at, "text", magic.group(1) + name, "type", "magic"));
                }
            }
            return new Completion(names, lineStart, at, types);
        }
        String text = blankMagics(code);
        int start = snippetStart(text, at);
        int[] anchor = new int[1];
        String before = text.substring(start, at);
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell().sourceCodeAnalysis().completionSuggestions(before, at - start, anchor);
        Set<String> options = new LinkedHashSet<>(); // those of the expected type first, as JJava orders them
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(x -> options.add(x.continuation()));
        suggestions.forEach(x -> options.add(x.continuation()));
        int from = start + anchor[0];
        List<String> matches = new ArrayList<>(options);
        List<Map<String, Object>> types = new ArrayList<>();
        for (String match : matches) {
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("start", from);
            item.put("end", at);
            item.put("text", match);
            String signature = matches.size() <= SIGNATURES_FOR ? signatureOf(text.substring(start, from) + match) : null;
            item.put("type", kindOf(match, signature));
            if (signature != null) {
                item.put("signature", signature);
            }
            types.add(item);
        }
        return new Completion(matches, from, at, types);
    }

    /** The first signature JShell gives for the code up to its end (a method call's when it ends in "("). */
    private String signatureOf(String code) {
        List<SourceCodeAnalysis.Documentation> docs =
                shell().sourceCodeAnalysis().documentation(code, code.length(), false);
        return docs.isEmpty() ? null : docs.get(0).signature();
    }

    /** Jupyter's completion kinds: function, class, variable, keyword (from the signature when known). */
    static String kindOf(String match, String signature) {
        if (match.endsWith("(") || match.endsWith("()") || signature != null && signature.contains("(")) {
            return "function";
        }
        if (signature != null) { // JShell writes "rate:double", "double Math.PI" or "java.lang.Math"
            return signature.contains(":") || signature.contains(" ") ? "variable" : "class";
        }
        if (javax.lang.model.SourceVersion.isKeyword(match)) {
            return "keyword";
        }
        boolean capital = !match.isEmpty() && Character.isUpperCase(match.charAt(0));
        return capital && !match.equals(match.toUpperCase(Locale.ROOT)) ? "class" : "variable";
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Completion c = completion(code, at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    /** Answers complete requests with each match's kind and signature (the base library sends no metadata). */
    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.COMPLETE_REQUEST, (env, message) -> {
            CompleteRequest request = message.getContent();
            env.setBusyDeferIdle();
            try {
                Completion c = completion(request.getCode(), request.getCursorPos());
                env.reply(new CompleteReply(c.matches(), c.start(), c.end(),
                        Map.of("_jupyter_types_experimental", c.types())));
            } catch (RuntimeException e) {
                env.replyError(CompleteReply.MESSAGE_TYPE.error(), ErrorReply.of(e));
            }
        });
    }

    /**
     * Shift+Tab: the signatures of what the cursor is on (anywhere in an identifier; a method's overloads
     * also without its parentheses; a variable's type) and their Javadoc, from the JDK's sources when the JDK
     * has them and from a library's shipped sources (see {@link SourceDocs}).
     */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String text = blankMagics(code);
        int end = at;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        int paren = end;
        while (paren < text.length() && (text.charAt(paren) == ' ' || text.charAt(paren) == '\t')) {
            paren++;
        }
        boolean call = paren < text.length() && text.charAt(paren) == '(';
        int start = snippetStart(text, end);
        String upTo = text.substring(start, call ? paren + 1 : end);
        SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(upTo, upTo.length(), true);
        if (docs.isEmpty() && !call) {
            docs = analysis.documentation(upTo + "(", upTo.length() + 1, true); // Check.close: all overloads
        }
        if (docs.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            String javadoc = doc.javadoc() != null && !doc.javadoc().isBlank() ? doc.javadoc().strip()
                    : sourceDocs.javadoc(doc.signature());
            parts.add(javadoc == null ? doc.signature() : doc.signature() + "\n" + javadoc);
        }
        return new DisplayData(String.join("\n\n", parts));
    }

    /** The classes a simple name in a cell can mean, from the session's imports (java.lang last). */
    private List<String> qualifiedNames(String simpleName) {
        List<String> names = new ArrayList<>();
        shell().imports().filter(i -> !i.isStatic()).forEach(i -> {
            String full = i.fullname();
            if (full.endsWith(".*")) {
                names.add(full.substring(0, full.length() - 1) + simpleName);
            } else if (full.endsWith("." + simpleName)) {
                names.add(full);
            }
        });
        names.add("java.lang." + simpleName);
        return names;
    }

    /** Where the snippet containing {@code at} starts: JShell analyses one snippet at a time. */
    private int snippetStart(String text, int at) {
        int start = 0;
        String rest = text;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = shell().sourceCodeAnalysis().analyzeCompletion(rest);
            int end = start + rest.length() - info.remaining().length();
            if (!info.completeness().isComplete() || end >= at || info.remaining().isEmpty()) {
                break;
            }
            start = end;
            rest = info.remaining();
        }
        return start;
    }

    /** The code with magic lines replaced by blanks of the same length, so positions stay valid. */
    private static String blankMagics(String code) {
        StringBuilder out = new StringBuilder(code.length());
        for (String line : code.split("(?<=\n)", -1)) {
            out.append(line.startsWith("%") ? line.replaceAll("[^\n]", " ") : line);
        }
        return out.toString();
    }

    /** A cell's failure before it becomes a {@link CellError} with the cell's number. */
    private static final class CellFailure extends Exception {
        final String name;
        final String value;
        final List<String> traceback;

        CellFailure(String name, String value, List<String> traceback) {
            super(value, null, false, false);
            this.name = name;
            this.value = value;
            this.traceback = traceback;
        }

        static CellFailure of(String name, String message) {
            return new CellFailure(name, message, List.of(name + ": " + message));
        }
    }
}
