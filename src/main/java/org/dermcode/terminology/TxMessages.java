package org.dermcode.terminology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.Properties;

/** The texts DermCode writes into terminology answers itself, kept in {@code tx-messages.properties}. */
final class TxMessages {

    private static final Properties TEXTS = load();

    private TxMessages() {
    }

    private static Properties load() {
        Properties texts = new Properties();
        try (InputStream in = TxMessages.class.getResourceAsStream("tx-messages.properties")) {
            if (in == null) {
                throw new IllegalStateException("tx-messages.properties is missing from the classpath");
            }
            texts.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** Whether there is a text with this id. */
    static boolean has(String id) {
        return TEXTS.containsKey(id);
    }

    /** The text with this id, its {0}, {1}... filled in. */
    static String format(String id, Object... arguments) {
        String pattern = TEXTS.getProperty(id);
        if (pattern == null) {
            throw new IllegalArgumentException("no terminology message " + id);
        }
        return new MessageFormat(pattern, java.util.Locale.ROOT).format(arguments);
    }
}
