package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code filter} of {@code $expand}: case-insensitive; every word of the filter must be a prefix
 * of the code or of a word of the display ("punch bio" finds "Punch biopsy of skin") or of the
 * concept's designations (synonyms and abbreviations such as BCC, AK, I&amp;D).
 */
final class TextFilter {

    static final int MAX_LENGTH = 200;

    private final List<String> words;

    TextFilter(String filter) {
        this.words = split(filter);
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    /** The filter's lower-case words. */
    List<String> words() {
        return words;
    }

    boolean matches(String code, String display) {
        return matches(code, display, null);
    }

    /** Like {@link #matches(String, String)}, a word may also match a word of the designations. */
    boolean matches(String code, String display, String designations) {
        if (words.isEmpty()) {
            return true;
        }
        List<String> displayWords = split(display);
        if (designations != null) {
            displayWords.addAll(split(designations));
        }
        return matchesWords(code, displayWords);
    }

    /** The words a concept is found by ({@link #words}), split once: what {@link Concept#searchWords} keeps. */
    static List<String> words(String display, String designations) {
        List<String> result = split(display);
        if (designations != null) {
            result.addAll(split(designations));
        }
        return List.copyOf(result);
    }

    /** True when every filter word is a prefix of the code or of one of the words. */
    boolean matchesWords(String code, List<String> displayWords) {
        if (words.isEmpty()) {
            return true;
        }
        String lowerCode = code == null ? "" : code.toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (lowerCode.startsWith(word)) {
                continue;
            }
            boolean found = false;
            for (String candidate : displayWords) {
                if (candidate.startsWith(word)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static List<String> split(String text) {
        List<String> result = new ArrayList<>();
        if (text == null) {
            return result;
        }
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isLetterOrDigit(ch) || ch == '.') {
                word.append(Character.toLowerCase(ch));
            } else if (word.length() > 0) {
                result.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            result.add(word.toString());
        }
        return result;
    }
}
