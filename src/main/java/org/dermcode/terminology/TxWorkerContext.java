package org.dermcode.terminology;

import java.io.IOException;
import org.hl7.fhir.r5.context.SimpleWorkerContext;

/** HL7's worker context whose messages the engine words as it does now ({@link EngineWording}). */
final class TxWorkerContext extends SimpleWorkerContext {

    TxWorkerContext(SimpleWorkerContext base) throws IOException {
        super(base);
    }

    @Override
    public String formatMessage(String id, Object... arguments) {
        String text = arguments == null ? null : EngineWording.text(id, arguments);
        return text != null ? text : super.formatMessage(id, arguments);
    }

    @Override
    public String formatMessagePlural(Integer plural, String id, Object... arguments) {
        return super.formatMessagePlural(plural, id, EngineWording.pluralArguments(id, arguments));
    }
}
