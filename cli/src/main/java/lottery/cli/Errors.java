package lottery.cli;

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
        return m;
    }
}
