package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The words of one expansion's entries, sorted, each with the entries it occurs in: a pick list's
 * {@code filter} finds its matches by binary search instead of reading every entry's words, so
 * its cost does not grow with the value set. The same rule as {@link TextFilter#matchesWords}:
 * every filter word is a prefix of the entry's code or of a word of its display or designations.
 */
final class FilterIndex {

    private final List<ExpansionEntry> entries;
    private final String[] words;
    private final BitSet[] wordEntries;
    private final String[] codes;
    private final BitSet[] codeEntries;

    FilterIndex(List<ExpansionEntry> entries) {
        this.entries = entries;
        Map<String, BitSet> byWord = new TreeMap<>();
        Map<String, BitSet> byCode = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ExpansionEntry entry = entries.get(i);
            for (String word : entry.searchWords()) {
                byWord.computeIfAbsent(word, k -> new BitSet()).set(i);
            }
            if (entry.code() != null) {
                byCode.computeIfAbsent(entry.code().toLowerCase(Locale.ROOT), k -> new BitSet()).set(i);
            }
        }
        this.words = byWord.keySet().toArray(String[]::new);
        this.wordEntries = byWord.values().toArray(BitSet[]::new);
        this.codes = byCode.keySet().toArray(String[]::new);
        this.codeEntries = byCode.values().toArray(BitSet[]::new);
    }

    /** The entries the filter matches, in expansion order. */
    List<ExpansionEntry> matching(TextFilter filter) {
        if (filter.isEmpty()) {
            return entries;
        }
        BitSet result = null;
        for (String word : filter.words()) {
            BitSet found = new BitSet(entries.size());
            orPrefixed(words, wordEntries, word, found);
            orPrefixed(codes, codeEntries, word, found);
            if (result == null) {
                result = found;
            } else {
                result.and(found);
            }
            if (result.isEmpty()) {
                return List.of();
            }
        }
        List<ExpansionEntry> matches = new ArrayList<>(result.cardinality());
        for (int i = result.nextSetBit(0); i >= 0; i = result.nextSetBit(i + 1)) {
            matches.add(entries.get(i));
        }
        return matches;
    }

    /** ORs into {@code into} the entries of every key that starts with {@code prefix}. */
    private static void orPrefixed(String[] keys, BitSet[] postings, String prefix, BitSet into) {
        int at = Arrays.binarySearch(keys, prefix);
        for (int i = at >= 0 ? at : -at - 1; i < keys.length && keys[i].startsWith(prefix); i++) {
            into.or(postings[i]);
        }
    }
}
