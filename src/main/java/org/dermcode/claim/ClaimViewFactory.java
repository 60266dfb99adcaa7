package org.dermcode.claim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dermcode.rules.CodeFacts;
import org.dermcode.rules.CodeFactsRegistry;
import org.dermcode.rules.PlaceOfService;
import org.dermcode.terminology.SystemUrls;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Builds the {@link ClaimView} of a Claim, normalising what real claims spell differently: HCPCS
 * with {@code http://} or {@code https://}, CPT codes sent under the HCPCS system, lower-case codes,
 * and ICD-10-CM codes with or without the dot.
 */
public final class ClaimViewFactory {

    private static final Pattern CPT = Pattern.compile("\\d{4}[0-9FTU]");
    private static final Pattern HCPCS = Pattern.compile("[A-V]\\d{4}");

    private final CodeFactsRegistry registry;

    public ClaimViewFactory(CodeFactsRegistry registry) {
        this.registry = registry;
    }

    public ClaimView create(Claim claim) {
        LocalDate periodStart = claim.hasBillablePeriod() ? date(claim.getBillablePeriod().getStartElement()) : null;
        LocalDate periodEnd = claim.hasBillablePeriod() ? date(claim.getBillablePeriod().getEndElement()) : null;
        LocalDate singleDay = periodStart != null && periodStart.equals(periodEnd) ? periodStart : null;
        List<ClaimView.Line> lines = new ArrayList<>();
        List<Claim.ItemComponent> items = claim.getItem();
        for (int i = 0; i < items.size(); i++) {
            lines.add(line(claim, i, items.get(i), singleDay));
        }
        List<ClaimView.Diagnosis> diagnoses = new ArrayList<>();
        List<Claim.DiagnosisComponent> dx = claim.getDiagnosis();
        for (int i = 0; i < dx.size(); i++) {
            diagnoses.add(diagnosis(i, dx.get(i)));
        }
        return new ClaimView(claim, lines, diagnoses, date(claim.getCreatedElement()), periodStart, periodEnd);
    }

    private ClaimView.Line line(Claim claim, int index, Claim.ItemComponent item, LocalDate singleDay) {
        String system = null;
        String code = null;
        for (Coding coding : item.getProductOrService().getCoding()) {
            String normalized = SystemUrls.normalize(coding.getSystem());
            if ((SystemUrls.CPT.equals(normalized) || SystemUrls.HCPCS.equals(normalized)) && coding.hasCode()) {
                code = coding.getCode().strip().toUpperCase(Locale.ROOT);
                system = SystemUrls.HCPCS.equals(normalized) && CPT.matcher(code).matches() ? SystemUrls.CPT : normalized;
                break;
            }
        }
        boolean wellFormed = code != null && (CPT.matcher(code).matches() || HCPCS.matcher(code).matches());

        List<ClaimView.Modifier> modifiers = new ArrayList<>();
        List<CodeableConcept> mods = item.getModifier();
        for (int j = 0; j < mods.size(); j++) {
            modifiers.add(modifier(j, mods.get(j)));
        }

        LocalDate date = null;
        String dateElement = null;
        if (item.hasServicedDateType()) {
            date = date(item.getServicedDateType());
            dateElement = "servicedDate";
        } else if (item.hasServicedPeriod()) {
            date = date(item.getServicedPeriod().getStartElement());
            dateElement = "servicedPeriod";
        }
        if (date == null && singleDay != null) {
            date = singleDay;
        }
        // the CMS facts in force on the line's date of service (the newest for a line without a date)
        CodeFacts facts = wellFormed ? registry.code(code, date).orElse(null) : null;

        BigDecimal units = item.hasQuantity() && item.getQuantity().hasValue() ? item.getQuantity().getValue()
                : BigDecimal.ONE;
        PlaceOfService placeOfService = null;
        if (item.hasLocationCodeableConcept()) {
            for (Coding coding : item.getLocationCodeableConcept().getCoding()) {
                if (coding.hasCode() && SystemUrls.PLACE_OF_SERVICE.equals(SystemUrls.normalize(coding.getSystem()))) {
                    placeOfService = registry.placeOfService(coding.getCode().strip());
                    break;
                }
            }
        }
        List<Integer> pointers = new ArrayList<>();
        for (PositiveIntType pointer : item.getDiagnosisSequence()) {
            pointers.add(pointer.getValue());
        }
        return new ClaimView.Line(index, item, system, code, wellFormed, facts, List.copyOf(modifiers), date,
                dateElement, provider(claim, item), units, placeOfService, pointers);
    }

    private ClaimView.Modifier modifier(int index, CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            if (!coding.hasCode()) {
                continue;
            }
            String system = SystemUrls.normalize(coding.getSystem());
            String code = coding.getCode().strip().toUpperCase(Locale.ROOT);
            boolean billingSystem = system == null || SystemUrls.CPT.equals(system) || SystemUrls.HCPCS.equals(system);
            CodeFacts facts = billingSystem ? registry.modifier(code).orElse(null) : null;
            return new ClaimView.Modifier(index, code, system, facts);
        }
        String text = concept.hasText() ? concept.getText().strip() : "";
        return new ClaimView.Modifier(index, text, null, null);
    }

    private static String provider(Claim claim, Claim.ItemComponent item) {
        for (PositiveIntType pointer : item.getCareTeamSequence()) {
            if (pointer.getValue() == null) {
                continue;
            }
            for (Claim.CareTeamComponent member : claim.getCareTeam()) {
                if (member.getSequence() == pointer.getValue()) {
                    return key(member.getProvider());
                }
            }
            break;
        }
        return key(claim.getProvider());
    }

    private static String key(Reference reference) {
        if (reference == null) {
            return "";
        }
        if (reference.hasReference()) {
            return reference.getReference();
        }
        if (reference.hasIdentifier()) {
            return reference.getIdentifier().getSystem() + "|" + reference.getIdentifier().getValue();
        }
        return reference.hasDisplay() ? reference.getDisplay() : "";
    }

    private static ClaimView.Diagnosis diagnosis(int index, Claim.DiagnosisComponent dx) {
        Integer sequence = dx.hasSequenceElement() ? dx.getSequenceElement().getValue() : null;
        if (!dx.hasDiagnosisCodeableConcept()) {
            return new ClaimView.Diagnosis(index, sequence, null, false);
        }
        for (Coding coding : dx.getDiagnosisCodeableConcept().getCoding()) {
            if (SystemUrls.ICD10CM.equals(SystemUrls.normalize(coding.getSystem())) && coding.hasCode()) {
                return new ClaimView.Diagnosis(index, sequence, normalizeIcd(coding.getCode()), true);
            }
        }
        return new ClaimView.Diagnosis(index, sequence, null, true);
    }

    /** ICD-10-CM with the dot after the category: "l570" and "L57.0" both become "L57.0". */
    public static String normalizeIcd(String code) {
        String upper = code.strip().toUpperCase(Locale.ROOT).replace(".", "");
        return upper.length() > 3 ? upper.substring(0, 3) + "." + upper.substring(3) : upper;
    }

    /** "yyyy-MM-dd..." without the formatter machinery of LocalDate.parse; null if not plainly that. */
    private static LocalDate isoDate(String text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28) {
            return null; // days 29-31 and anything odd go through LocalDate.parse, which checks them
        }
        return LocalDate.of(year, month, day);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static LocalDate date(IPrimitiveType<?> value) {
        if (value == null || value.getValueAsString() == null || value.getValueAsString().length() < 10) {
            return null;
        }
        String text = value.getValueAsString();
        LocalDate fast = isoDate(text);
        if (fast != null) {
            return fast;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
