package org.dermcode.knowledge;

/** What an ICD-10-CM code is in one fiscal year. */
public enum IcdStatus {
    /** A complete code: valid as a diagnosis on a claim. */
    BILLABLE,
    /** A category or subcategory header: not valid on a claim. */
    HEADER,
    /** Not in that fiscal year (or not in the server's scope). */
    ABSENT
}
