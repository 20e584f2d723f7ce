package lottery.cli;

/** A user mistake found after parsing (a bad combination of options): exit code 2, one line. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) { super(message); }
}
