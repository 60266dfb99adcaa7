package org.dermcode.knowledge;

/** A release table in {@code rules/} is missing or broken: start-up stops, naming the file and the reason. */
public final class KnowledgeLoadException extends RuntimeException {

    public KnowledgeLoadException(String message) {
        super(message);
    }

    public KnowledgeLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
