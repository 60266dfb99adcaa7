package org.dermcode.rules;

/**
 * The modifiers that rules are named after. Which modifiers apply to E/M or procedures, bypass
 * edits or are X{EPSU} is data (CodeSystem properties), not listed here.
 */
final class Modifiers {

    /** 24: unrelated E/M during a post-operative period. */
    static final String UNRELATED_EM_POSTOP = "24";
    /** 25: significant, separately identifiable E/M on the day of a procedure. */
    static final String SIGNIFICANT_SEPARATE_EM = "25";
    /** 26: professional component. */
    static final String PROFESSIONAL_COMPONENT = "26";
    /** TC: technical component. */
    static final String TECHNICAL_COMPONENT = "TC";
    /** 51: multiple procedures. */
    static final String MULTIPLE_PROCEDURES = "51";
    /** 57: decision for surgery. */
    static final String DECISION_FOR_SURGERY = "57";
    /** 58: staged or related procedure during the post-operative period. */
    static final String STAGED_PROCEDURE = "58";
    /** 59: distinct procedural service. */
    static final String DISTINCT_PROCEDURE = "59";
    /** 78: unplanned return to the operating room. */
    static final String RETURN_TO_OR = "78";
    /** 79: unrelated procedure during the post-operative period. */
    static final String UNRELATED_PROCEDURE_POSTOP = "79";

    /** The modifierRole of XE, XS, XP and XU. */
    static final String ROLE_BYPASS_X = "bypass-x";
    /** The modifierAppliesTo of modifiers valid only on E/M codes (24, 25, 57). */
    static final String APPLIES_TO_EM = "em";
    /** The modifierAppliesTo of modifiers not valid on E/M codes (51, 59, 79, XE, XS, XP, XU). */
    static final String APPLIES_TO_PROCEDURE = "procedure";

    private Modifiers() {}
}
