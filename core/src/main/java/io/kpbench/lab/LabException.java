package io.kpbench.lab;

/** A failure of the kernel lab (a command that failed, a check that did not hold), reported as one line. */
public final class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure whose message is the whole line. */
    public LabException(String message) {
        super(message);
    }
}
