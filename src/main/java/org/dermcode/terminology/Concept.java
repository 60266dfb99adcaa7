package org.dermcode.terminology;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/** One concept of a hosted CodeSystem with its place in the hierarchy. Read-only after loading. */
public final class Concept {

    private final ConceptDefinitionComponent definition;
    private final List<String> parents = new ArrayList<>();
    private final List<String> children = new ArrayList<>();
    /** The designations' values joined by spaces (null without designations), for the text filter. */
    private final String designationText;
    private List<String> searchWords;
    /* read on every entry of every expansion and validation: looked up once, not per call */
    private final boolean notSelectable;
    private final boolean inactive;
    private final LocalDate effectiveDate;
    private final LocalDate retirementDate;

    Concept(ConceptDefinitionComponent definition) {
        this.definition = definition;
        this.notSelectable = bool("notSelectable");
        this.inactive = bool("inactive") || "retired".equals(string("status"));
        this.effectiveDate = date("effectiveDate");
        this.retirementDate = date("retirementDate");
        StringBuilder text = new StringBuilder();
        for (var designation : definition.getDesignation()) {
            if (designation.hasValue()) {
                text.append(text.length() == 0 ? "" : " ").append(designation.getValue());
            }
        }
        this.designationText = text.length() == 0 ? null : text.toString();
    }

    /** The values of the concept's designations (synonyms, abbreviations, short titles) as one text, or null. */
    public String designationText() {
        return designationText;
    }

    /** The lower-case words of the display and designations for the text filter, split on first use. */
    List<String> searchWords() {
        List<String> words = searchWords;
        if (words == null) {
            words = TextFilter.words(display(), designationText);
            searchWords = words; // an immutable list: a race only computes it twice
        }
        return words;
    }

    public String code() {
        return definition.getCode();
    }

    public String display() {
        return definition.getDisplay();
    }

    public ConceptDefinitionComponent definition() {
        return definition;
    }

    public List<String> parents() {
        return Collections.unmodifiableList(parents);
    }

    public List<String> children() {
        return Collections.unmodifiableList(children);
    }

    void addParent(String code) {
        if (!parents.contains(code)) {
            parents.add(code);
        }
    }

    void addChild(String code) {
        if (!children.contains(code)) {
            children.add(code);
        }
    }

    public boolean isAbstract() {
        return notSelectable;
    }

    public boolean isInactive() {
        return inactive;
    }

    public LocalDate effectiveDate() {
        return effectiveDate;
    }

    public LocalDate retirementDate() {
        return retirementDate;
    }

    /** True when the code's life is given by an effective or a retirement date. */
    public boolean hasLifeDates() {
        return effectiveDate != null || retirementDate != null;
    }

    /**
     * Whether the code is inactive on {@code day}: by its effective and retirement dates when it has
     * them (11100, retired 2019-01-01, is active on 2018-06-01), else, and without a day, by its status.
     */
    public boolean isInactiveOn(LocalDate day) {
        return day != null && hasLifeDates() ? !isEffectiveOn(day) : isInactive();
    }

    /** True when the code may be used for a service on {@code day} (null: no date given). */
    public boolean isEffectiveOn(LocalDate day) {
        if (day == null) {
            return true;
        }
        return (effectiveDate == null || !day.isBefore(effectiveDate))
                && (retirementDate == null || day.isBefore(retirementDate));
    }

    public List<Type> values(String property) {
        List<Type> values = new ArrayList<>();
        for (ConceptPropertyComponent p : definition.getProperty()) {
            if (property.equals(p.getCode()) && p.hasValue()) {
                values.add(p.getValue());
            }
        }
        return values;
    }

    public String string(String property) {
        List<String> all = strings(property);
        return all.isEmpty() ? null : all.get(0);
    }

    public List<String> strings(String property) {
        List<String> result = new ArrayList<>();
        for (Type value : values(property)) {
            if (value instanceof CodeType code) {
                result.add(code.getCode());
            } else if (value instanceof StringType s) {
                result.add(s.getValue());
            } else if (value.isPrimitive()) {
                result.add(value.primitiveValue());
            }
        }
        return result;
    }

    public boolean bool(String property) {
        for (Type value : values(property)) {
            if (value instanceof BooleanType b) {
                return b.booleanValue();
            }
        }
        return false;
    }

    public Integer integer(String property) {
        for (Type value : values(property)) {
            if (value instanceof IntegerType i) {
                return i.getValue();
            }
        }
        return null;
    }

    public BigDecimal decimal(String property) {
        for (Type value : values(property)) {
            if (value instanceof DecimalType d) {
                return d.getValue();
            }
        }
        return null;
    }

    public LocalDate date(String property) {
        for (Type value : values(property)) {
            if (value instanceof DateTimeType d && d.getValueAsString() != null) {
                return LocalDate.parse(d.getValueAsString().substring(0, 10));
            }
        }
        return null;
    }
}
