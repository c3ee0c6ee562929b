package dev.localagent.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.service.tokens.TokenCount;
import dev.localagent.studio.service.tokens.TokenCounter;
import dev.localagent.studio.service.tokens.UnknownModelException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code studio tokens}: counts a text's tokens for a model, exactly for OpenAI's encodings and by
 * the family's estimate otherwise. Prints the bare number, so scripts can use it; {@code --json}
 * says how it was counted.
 */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = {"Count the tokens of a text for a model.",
            "Exact for OpenAI models (o200k_base, cl100k_base); estimated for Llama, Mistral, Qwen, Gemma, Gemini, Sonar and other families."})
final class TokensCommand implements Callable<Integer> {

    static final int EXIT_UNKNOWN_MODEL = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "The model whose tokenizer counts (gpt-4o, llama3.2, ...).")
    String model;

    @Option(names = "--file", paramLabel = "FILE", description = "Count this UTF-8 file instead of TEXT.")
    Path file;

    @Option(names = "--json", description = "Print the count with its encoding and whether it is exact, as JSON.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "The text to count; several words are joined by single spaces.")
    List<String> words;

    private final TokenCounter counter;

    TokensCommand(TokenCounter counter) {
        this.counter = counter;
    }

    TokensCommand() {
        this(new TokenCounter());
    }

    @Override
    public Integer call() {
        String text = text();
        TokenCount count;
        try {
            count = counter.count(model, text);
        } catch (UnknownModelException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return EXIT_UNKNOWN_MODEL;
        }
        if (json) {
            ObjectNode out = new ObjectMapper().createObjectNode()
                    .put("model", model)
                    .put("tokens", count.tokens())
                    .put("encoding", count.encoding())
                    .put("exact", count.exact());
            counter.calibration(model).ifPresent(c -> out.put("bytesPerToken", Math.round(c.bytesPerToken() * 100) / 100.0));
            spec.commandLine().getOut().println(out.toString());
        } else {
            spec.commandLine().getOut().println(count.tokens());
        }
        return 0;
    }

    private String text() {
        boolean hasWords = words != null && !words.isEmpty();
        if (hasWords == (file != null)) {
            throw new ParameterException(spec.commandLine(), "give either TEXT or --file FILE, not " + (hasWords ? "both" : "neither"));
        }
        if (hasWords) {
            return String.join(" ", words);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
        }
    }
}
