package org.dermcode.rules;

/**
 * What the rules know of a CMS place-of-service code, from the place-of-service CodeSystem:
 * whether the PFS facility total applies there (Claims Processing Manual ch. 12 sec. 20.4.2),
 * whether it is a hospital setting (the hospital bills the technical part, and incident-to services
 * are not paid to the practitioner), and whether it is telehealth.
 */
public record PlaceOfService(String code, boolean facilityRate, boolean hospital, boolean telehealth) {

    /** A code the CodeSystem does not list: CMS pays every place of service off the facility list at the non-facility rate. */
    public static PlaceOfService unlisted(String code) {
        return new PlaceOfService(code, false, false, false);
    }
}
