package nnlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.lang.model.element.Name;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;

/**
 * Javadoc for what JShell can name but not document: JShell reads doc comments only from the JDK's own
 * {@code src.zip}. A library may ship its sources at {@code META-INF/sources/<package path>/<Class>.java}
 * (nnlab.jar does); this finds the declaration JShell's signature names there and returns its doc comment as
 * plain text. Sources sit under {@code META-INF/} so that javac, compiling a cell, never takes them for the
 * library's classes.
 */
final class SourceDocs {
    static final String SOURCES_ROOT = "META-INF/sources/";

    private final Function<String, List<String>> qualifiedNames;
    private final Function<String, URL> resources;

    /**
     * @param qualifiedNames the fully qualified classes a simple name in a cell can mean (from JShell)
     * @param resources      finds a resource on the notebook's classpath, or null
     */
    SourceDocs(Function<String, List<String>> qualifiedNames, Function<String, URL> resources) {
        this.qualifiedNames = qualifiedNames;
        this.resources = resources;
    }

    /**
     * The doc comment of the declaration a JShell signature names, as plain text; null if none is found.
     * Signatures look like {@code void Check.close(String name, double tol)}, {@code nnlab.check.Check},
     * {@code Network(int inputs)} or, for a variable, {@code rate:double}.
     */
    String javadoc(String signature) {
        String sig = signature.strip();
        while (sig.matches(".*<[^<>]*>.*")) {
            sig = sig.replaceAll("<[^<>]*>", ""); // generics may hold blanks: Map<String, Object>
        }
        int paren = sig.indexOf('(');
        String head = (paren < 0 ? sig : sig.substring(0, paren)).strip();
        String params = paren < 0 ? null : sig.substring(paren + 1, Math.max(paren + 1, sig.lastIndexOf(')')));
        if (head.isEmpty() || head.contains(":")) {
            return null;
        }
        String[] words = head.split("\\s+");
        String name = words[words.length - 1];
        if (words.length == 1) {
            return params == null ? find(name, null, null) : find(name, "<init>", params);
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : find(name.substring(0, dot), name.substring(dot + 1), params);
    }

    /** @param member null for the class itself; {@code params} null for a field */
    private String find(String owner, String member, String params) {
        for (String qualified : candidates(owner)) {
            // packages are lower case by convention: the first capitalised name is the top-level class
            List<String> parts = List.of(qualified.split("\\."));
            int top = 0;
            while (top < parts.size() && !Character.isUpperCase(parts.get(top).charAt(0))) {
                top++;
            }
            if (top == parts.size()) {
                continue;
            }
            String source = read(SOURCES_ROOT + String.join("/", parts.subList(0, top + 1)) + ".java");
            String doc = source == null ? null : docComment(source, parts.subList(top, parts.size()), member, params);
            if (doc != null) {
                return doc;
            }
        }
        return null;
    }

    private List<String> candidates(String owner) {
        List<String> names = new ArrayList<>();
        int dot = owner.indexOf('.');
        String first = dot < 0 ? owner : owner.substring(0, dot);
        String rest = dot < 0 ? "" : owner.substring(dot);
        if (Character.isUpperCase(first.charAt(0))) {
            for (String q : qualifiedNames.apply(first)) {
                names.add(q + rest);
            }
        } else {
            names.add(owner); // already qualified: nnlab.check.Check
        }
        return names;
    }

    private String read(String resource) {
        URL url = resources.apply(resource);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Parses the source (no compilation) and returns the cleaned doc comment of the declaration. */
    static String docComment(String source, List<String> nesting, String member, String params) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Doc.java"),
                SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try {
            JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
            Trees trees = Trees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                TreePath path = new TreePath(unit);
                Tree scope = unit;
                for (String className : nesting) {
                    ClassTree found = classNamed(scope, className);
                    if (found == null) {
                        return null;
                    }
                    path = new TreePath(path, found);
                    scope = found;
                }
                if (member != null) {
                    Tree declaration = memberOf((ClassTree) scope, member, params, nesting.get(nesting.size() - 1));
                    if (declaration == null) {
                        return null;
                    }
                    path = new TreePath(path, declaration);
                }
                String raw = trees.getDocComment(path);
                return raw == null || raw.isBlank() ? null : plainText(raw);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static ClassTree classNamed(Tree scope, String name) {
        List<? extends Tree> members = scope instanceof CompilationUnitTree unit ? unit.getTypeDecls()
                : ((ClassTree) scope).getMembers();
        for (Tree t : members) {
            if (t instanceof ClassTree c && c.getSimpleName().contentEquals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The field, or the method or constructor whose parameter types match JShell's list (by simple names). */
    private static Tree memberOf(ClassTree owner, String member, String params, String className) {
        Tree firstByName = null;
        for (Tree t : owner.getMembers()) {
            if (params == null && t instanceof VariableTree v && v.getName().contentEquals(member)) {
                return v;
            }
            if (params != null && t instanceof MethodTree m) {
                Name name = m.getName();
                boolean named = member.equals("<init>") ? name.contentEquals("<init>") : name.contentEquals(member);
                if (named) {
                    if (firstByName == null) {
                        firstByName = m;
                    }
                    if (sameParameters(m, params)) {
                        return m;
                    }
                }
            }
        }
        return firstByName;
    }

    /** JShell writes {@code double actual, String what} (or types only); compares the simple type names. */
    private static boolean sameParameters(MethodTree method, String params) {
        List<String> wanted = new ArrayList<>();
        for (String p : splitTopLevel(params)) {
            String type = p.strip().replaceAll("\\s+\\w+$", "").replaceAll("<.*>", "").replaceAll(".*\\.", "");
            if (!type.isEmpty()) {
                wanted.add(type.replace("...", "[]"));
            }
        }
        List<String> actual = new ArrayList<>();
        for (VariableTree p : method.getParameters()) {
            actual.add(p.getType().toString().replaceAll("<.*>", "").replaceAll(".*\\.", "").replace("...", "[]"));
        }
        return wanted.equals(actual);
    }

    private static List<String> splitTopLevel(String params) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(params.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(params.substring(start));
        return parts;
    }

    /** A doc comment as a reader wants it in a tooltip: no HTML, inline tags as their text, tags one a line. */
    static String plainText(String raw) {
        String text = raw.replaceAll("(?m)^ ?", "")
                .replaceAll("\\{@(?:code|literal) ([^{}]*(?:\\{[^{}]*}[^{}]*)*)}", "$1")
                .replaceAll("\\{@link(?:plain)? [^ }]+ ([^}]+)}", "$1") // a label is what the reader sees
                .replaceAll("\\{@link(?:plain)? ([^ }]+)}", "$1")
                .replaceAll("\\{@value ([^}]*)}", "$1")
                .replaceAll("\\{@inheritDoc}", "")
                .replaceAll("(?i)</?(p|ul|ol|li|pre|br|dl|dt|dd)\\b[^>]*>", "\n")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&nbsp;", " ")
                .replaceAll("(\\w)#(\\w)", "$1.$2")
                .replaceAll("(?<![\\w.])#(\\w)", "$1")
                .replaceAll("(?m)^@param +(\\S+) +", "  $1: ")
                .replaceAll("(?m)^@return +", "  returns: ")
                .replaceAll("(?m)^@throws +(\\S+) +", "  throws $1: ");
        return text.replaceAll(" +\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }
}
