package io.kpbench.common;

/**
 * An error in what the user gave kpbench (a file, a manifest, a flag), reported as one line and exit code 2,
 * never as a stack trace.
 *
 * <p>The message is the whole line. For manifest errors it names the file, the object and the field:
 * {@code cluster.yaml: Service default/web: spec.ports[0].nodePort: 40000 is outside the node-port range
 * 30000-32767}.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The process exit code for user errors. */
    public static final int EXIT_CODE = 2;

    /** An error whose message is the whole line. */
    public UserError(String message) {
        super(message, null, false, false);
    }

    /** An error with a cause kept for debugging (never printed to the user). */
    public UserError(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /**
     * The one-line error for a field of an object in a file.
     *
     * @param file the file name as the user gave it ({@code -} for stdin)
     * @param object the object, as {@code Kind ns/name}; null when the error is about the file itself
     * @param field the field path, such as {@code spec.ports[0].nodePort}; null when the error is about the object
     * @param reason what is wrong
     */
    public static UserError at(String file, String object, String field, String reason) {
        StringBuilder sb = new StringBuilder(file);
        if (object != null) {
            sb.append(": ").append(object);
        }
        if (field != null) {
            sb.append(": ").append(field);
        }
        return new UserError(sb.append(": ").append(reason).toString());
    }
}
