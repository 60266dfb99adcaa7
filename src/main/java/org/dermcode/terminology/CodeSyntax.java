package org.dermcode.terminology;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Extension;

/**
 * The shape every code of a code system has (CPT: five digits, or four digits and F, T or U), as the
 * CodeSystem states it in the extension {@value #URL} (generated from
 * {@code tools/terminology-source/code-syntax.csv}): a code of another shape cannot belong to the
 * system, even where the server holds only a fragment of it.
 */
public record CodeSyntax(Pattern pattern, String description) {

    public static final String URL = "http://dermcode.org/fhir/StructureDefinition/code-syntax";

    /** The syntax the CodeSystem declares, if any; a broken declaration stops start-up. */
    static Optional<CodeSyntax> of(CodeSystem codeSystem, String source) {
        Extension extension = codeSystem.getExtensionByUrl(URL);
        if (extension == null) {
            return Optional.empty();
        }
        Extension pattern = extension.getExtensionByUrl("pattern");
        Extension description = extension.getExtensionByUrl("description");
        if (pattern == null || !pattern.hasValue() || description == null || !description.hasValue()) {
            throw new TerminologyLoadException(source + ": extension " + URL + " needs a pattern and a description");
        }
        try {
            return Optional.of(new CodeSyntax(Pattern.compile(pattern.getValue().primitiveValue()),
                    description.getValue().primitiveValue()));
        } catch (PatternSyntaxException e) {
            throw new TerminologyLoadException(source + ": extension " + URL + " has a broken pattern: "
                    + e.getDescription());
        }
    }

    public boolean allows(String code) {
        return code != null && pattern.matcher(code).matches();
    }
}
