package nnlab.grade;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The student's methods, looked up by name when a part runs, among the classes JShell compiled the
 * notebook's cells into — so the grading cells compile even when a student's cell did not, and a method
 * that is missing costs only the parts that call it.
 *
 * <p>Both JShell-based kernels (the project's and JJava) compile each declaration into a class
 * {@code REPL.$JShell$K}, K the declaration's key; a new version of the same declaration (same name and
 * parameter types) keeps K and adds a suffix: {@code $JShell$KB}, {@code KC}, …, {@code KZ},
 * {@code KBA}, …. A cell that does not compile gets no class. The grading cell's own class, found on
 * the call stack, gives the class loader that sees them all and the highest key to look at.
 */
final class StudentCode {
    static final String WRAPPER_PREFIX = "REPL.$JShell$";
    /** The class of JShell's exception for a call of a declaration whose references are unresolved. */
    static final String RESOLUTION_EXCEPTION = "jdk.jshell.spi.SPIResolutionException";

    private final ClassLoader loader;
    private volatile int lastKey;

    StudentCode(ClassLoader loader, int lastKey) {
        this.loader = loader;
        this.lastKey = lastKey;
    }

    /** The cells the calling notebook cell can see. */
    static StudentCode ofCaller() {
        Class<?> cell = callingCell().orElseThrow(() -> new IllegalStateException(
                "the grader looks the student's methods up among the notebook's cells, so call it from a notebook cell "
                        + "(JShell). In Java code, pass the methods instead, e.g. Assignments.exercise1(Solutions::sigmoidGradient, …)"));
        return new StudentCode(cell.getClassLoader(), key(cell.getName()));
    }

    /** The innermost notebook cell (JShell wrapper class) on the current call stack. */
    static Optional<Class<?>> callingCell() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c.getName().startsWith(WRAPPER_PREFIX)).findFirst());
    }

    /** Also sees the cells before this one (a part run in a later cell than the one that made the grader). */
    void seenFrom(Class<?> cell) {
        if (cell.getClassLoader() == loader) {
            lastKey = Math.max(lastKey, key(cell.getName()));
        }
    }

    /** The key K of a wrapper class name {@code REPL.$JShell$K…}. */
    static int key(String className) {
        String rest = className.substring(WRAPPER_PREFIX.length());
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(rest.substring(0, end));
    }

    /** JShell's suffix of version v of a declaration: "" for the first, then B … Z, BA, BB, …. */
    static String suffix(int version) {
        StringBuilder s = new StringBuilder();
        for (int v = version; v > 0; v /= 26) {
            s.insert(0, (char) ('A' + v % 26));
        }
        return s.toString();
    }

    /** The newest version of declaration {@code key}, or null when that key has no class. */
    private Class<?> newest(int key) {
        Class<?> found = null;
        for (int version = 0; ; version++) {
            Class<?> c = load(WRAPPER_PREFIX + key + suffix(version));
            if (c != null) {
                found = c;
            } else if (found != null || version > 0) {
                return found;
            }
        }
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The student's static method with exactly these parameter types, newest declaration first. */
    Method find(String name, Class<?>... parameterTypes) {
        List<Method> sameName = new ArrayList<>();
        for (int key = lastKey; key >= 1; key--) {
            Class<?> c = newest(key);
            if (c == null) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
                    if (Arrays.equals(m.getParameterTypes(), parameterTypes)) {
                        m.setAccessible(true);
                        return m;
                    }
                    sameName.add(m);
                }
            }
        }
        if (!sameName.isEmpty()) {
            throw new Problem(name + " is declared as " + sameName.stream().map(StudentCode::signature).distinct()
                    .collect(Collectors.joining(" and ")) + ", but the grader calls " + name + "(" + names(parameterTypes)
                    + "): keep the parameters the notebook gives");
        }
        throw notCompiled(name);
    }

    private static Problem notCompiled(String name) {
        return new Problem(name + "'s cell did not compile (or has not been run) — fix it there and run it, then grade again");
    }

    /** The student's method {@code name} as an implementation of a one-method interface with the same parameters. */
    <T> T bind(String name, Class<T> functionalInterface) {
        Method sam = singleAbstractMethod(functionalInterface);
        Object proxy = Proxy.newProxyInstance(functionalInterface.getClassLoader(), new Class<?>[]{functionalInterface},
                (self, method, args) -> {
                    if (!method.equals(sam)) {
                        return switch (method.getName()) {
                            case "toString" -> "the student's " + name;
                            case "hashCode" -> System.identityHashCode(self);
                            case "equals" -> self == args[0];
                            default -> throw new UnsupportedOperationException(method.getName());
                        };
                    }
                    Method student = find(name, sam.getParameterTypes());
                    Class<?> wanted = sam.getReturnType();
                    if (!wanted.equals(student.getReturnType()) && !(wanted == void.class)) {
                        throw new Problem(name + " returns " + student.getReturnType().getSimpleName() + " but must return "
                                + wanted.getSimpleName());
                    }
                    return invoke(student, args == null ? new Object[0] : args);
                });
        return functionalInterface.cast(proxy);
    }

    /** Calls the student's method {@code name} with these arguments (for hidden tests): the one whose parameters accept them. */
    Object call(String name, Object... args) {
        Object[] given = args == null ? new Object[0] : args;
        Method match = null;
        List<Method> candidates = new ArrayList<>();
        for (int key = lastKey; key >= 1 && match == null; key--) {
            Class<?> c = newest(key);
            for (Method m : c == null ? new Method[0] : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
                    candidates.add(m);
                    if (accepts(m.getParameterTypes(), given)) {
                        match = m;
                        break;
                    }
                }
            }
        }
        if (match == null) {
            if (candidates.isEmpty()) {
                throw notCompiled(name);
            }
            throw new Problem(name + " is declared as " + signature(candidates.get(0)) + ", which does not take the grader's arguments ("
                    + Arrays.stream(given).map(a -> a == null ? "null" : a.getClass().getSimpleName()).collect(Collectors.joining(", ")) + ")");
        }
        match.setAccessible(true);
        try {
            return invoke(match, given);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new RuntimeException(checked);
        }
    }

    /** Primitive types in the order of Java's widening conversions (char widens like a short here). */
    private static final List<Class<?>> WIDENING = List.of(byte.class, short.class, char.class, int.class, long.class, float.class, double.class);

    /** Whether reflection can pass these arguments: instances of the parameter types, or boxed numbers that widen to them. */
    private static boolean accepts(Class<?>[] types, Object[] args) {
        if (types.length != args.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            Object arg = args[i];
            if (!types[i].isPrimitive()) {
                if (arg != null && !types[i].isInstance(arg)) {
                    return false;
                }
            } else if (arg == null || !widens(MethodType.methodType(arg.getClass()).unwrap().returnType(), types[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean widens(Class<?> from, Class<?> to) {
        if (from == to) {
            return true;
        }
        int f = WIDENING.indexOf(from);
        int t = WIDENING.indexOf(to);
        return f >= 0 && t > f && to != char.class;
    }

    /** Runs the student's method; its own exception comes out as it is, JShell's unresolved-reference one as a {@link Problem}. */
    private static Object invoke(Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause.getClass().getName().equals(RESOLUTION_EXCEPTION)) {
                String where = cause.getStackTrace().length > 0 ? cause.getStackTrace()[0].getMethodName() : m.getName();
                throw new Problem(where + (where.equals(m.getName()) ? "" : " (called by " + m.getName() + ")")
                        + " uses a method or variable which is not declared yet — declare it (or run the cell that declares it), "
                        + "then grade again");
            }
            throw cause;
        }
    }

    private static Method singleAbstractMethod(Class<?> functionalInterface) {
        List<Method> abstracts = Arrays.stream(functionalInterface.getMethods()).filter(m -> Modifier.isAbstract(m.getModifiers())).toList();
        if (!functionalInterface.isInterface() || abstracts.size() != 1) {
            throw new IllegalArgumentException(functionalInterface.getName() + " is not an interface with one abstract method");
        }
        return abstracts.get(0);
    }

    private static String signature(Method m) {
        return m.getReturnType().getSimpleName() + " " + m.getName() + "(" + names(m.getParameterTypes()) + ")";
    }

    private static String names(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
    }

    /** The student's code cannot be called as the grader needs: the message says what to fix, and where. */
    static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message);
        }
    }
}
