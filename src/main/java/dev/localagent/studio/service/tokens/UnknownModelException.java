package dev.localagent.studio.service.tokens;

/** No tokenizer and no estimate fits the model: its family is unknown and no reply has calibrated it yet. */
public final class UnknownModelException extends RuntimeException {

    public UnknownModelException(String model) {
        super("unknown model family for '" + model + "': no tokenizer or estimate available (known: gpt-*, o1/o3/o4-mini, "
                + String.join(", ", ModelFamily.names()) + ")");
    }
}
