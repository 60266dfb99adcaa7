package org.dermcode.terminology;

/** A terminology or profile file that cannot be loaded; the message names the file and the reason. */
public class TerminologyLoadException extends RuntimeException {

    public TerminologyLoadException(String message) {
        super(message);
    }

    public TerminologyLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
