package lottery.cli;

import lottery.nn.train.MemoryEstimate;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;

/**
 * Turns exceptions into one line on stderr and an exit code: 2 for bad usage, 1 for a runtime
 * failure. A stack trace is printed only for a bug (an unexpected exception type) or when
 * LOTTERY_DEBUG is set.
 */
final class Errors {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private Errors() {}

    static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("lottery: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        return USAGE;
    }

    static int onFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = System.getenv("LOTTERY_DEBUG") != null;
        if (e instanceof UsageException) {
            err.println("lottery: " + e.getMessage());
            return USAGE;
        }
        if (isExpected(e)) {
            err.println("lottery: " + message(e));
            if (debug) e.printStackTrace(err);
            return FAILURE;
        }
        err.println("lottery: internal error: " + message(e) + " (please report it with the command line; set LOTTERY_DEBUG=1 for the stack trace)");
        if (debug) e.printStackTrace(err);
        return FAILURE;
    }

    /**
     * An Error (out of memory, stack overflow, a broken installation) as one line: what ran out and
     * what to try. By the time it gets here the stack that held the memory has unwound, so printing
     * works.
     */
    static int onError(Error e, PrintWriter err) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof OutOfMemoryError) {
            String what = m.isEmpty() ? "memory" : m;
            if (m.contains("Direct buffer")) {
                err.println("lottery: out of memory (" + what + "); raise the limit with LOTTERY_JAVA_OPTS=-XX:MaxDirectMemorySize=<size>");
            } else if (m.contains("native thread")) {
                err.println("lottery: out of memory (" + what + "); use fewer --threads or raise the process limit (ulimit -u)");
            } else if (m.contains("Metaspace")) {
                err.println("lottery: out of memory (" + what + "); raise the limit with LOTTERY_JAVA_OPTS=-XX:MaxMetaspaceSize=<size>");
            } else {
                String heap = MemoryEstimate.gib(Runtime.getRuntime().maxMemory());
                err.println("lottery: out of memory (" + what + ") with a heap of at most " + heap
                        + "; try a smaller --batch, or give the JVM more memory with LOTTERY_JAVA_OPTS=-Xmx<size> (e.g. -Xmx16g)");
            }
        } else if (e instanceof StackOverflowError) {
            err.println("lottery: stack overflow; give the JVM bigger thread stacks with LOTTERY_JAVA_OPTS=-Xss64m");
        } else {
            String first = m.lines().findFirst().orElse("");
            err.println("lottery: internal error: " + e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first)
                    + " (please report it with the command line; set LOTTERY_DEBUG=1 for the stack trace)");
        }
        if (System.getenv("LOTTERY_DEBUG") != null) e.printStackTrace(err);
        err.flush();
        return FAILURE;
    }

    private static boolean isExpected(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof UnsupportedOperationException || e instanceof ArithmeticException;
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
        if (t instanceof java.nio.file.NoSuchFileException) m = "no such file: " + m;
        if (t instanceof java.nio.file.AccessDeniedException) m = "permission denied: " + m;
        if (t instanceof java.nio.file.FileSystemException fse && m.contains("No space left")) m = "disk full while writing " + fse.getFile();
        if (t instanceof ArithmeticException && m.endsWith("overflow"))
            m = m + ": a size or count went past " + Integer.MAX_VALUE + ", the largest int and Java array; use smaller values";
        return m;
    }
}
