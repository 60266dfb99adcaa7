package org.dermcode.hardening;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.LenientErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's lenient parsing (unknown elements are skipped, invalid values are refused with a 400)
 * without HAPI's warnings, which quote references and values of the request, so PHI. Only element
 * names are logged, at DEBUG.
 */
public final class PhiSafeParserErrorHandler extends LenientErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(PhiSafeParserErrorHandler.class);

    public PhiSafeParserErrorHandler() {
        super(false);
    }

    @Override
    public void unknownElement(IParserErrorHandler.IParseLocation location, String elementName) {
        log.debug("Unknown element '{}' skipped while parsing", safe(elementName));
        super.unknownElement(location, elementName);
    }

    @Override
    public void unknownAttribute(IParserErrorHandler.IParseLocation location, String attributeName) {
        log.debug("Unknown attribute '{}' skipped while parsing", safe(attributeName));
        super.unknownAttribute(location, attributeName);
    }

    private static String safe(String name) {
        if (name == null) {
            return "";
        }
        String cleaned = name.replaceAll("[^A-Za-z0-9_\\-\\[\\]]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
    }
}
