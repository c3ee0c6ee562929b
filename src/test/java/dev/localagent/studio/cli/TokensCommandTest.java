package dev.localagent.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return StudioCommand.commandLine(null, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void printsTheBareCountOfAText() {
        // The cookbook's example: "tiktoken is great!" is 6 tokens in cl100k_base.
        assertThat(run("tokens", "--model", "gpt-4", "tiktoken", "is", "great!")).isZero();

        assertThat(out.toString().strip()).isEqualTo("6");
    }

    @Test
    void jsonSaysWhichEncodingCountedAndWhetherItIsExact() {
        assertThat(run("tokens", "--model", "gpt-4o", "--json", "2 + 2 = 4")).isZero();

        assertThat(out.toString().strip()).isEqualTo("{\"model\":\"gpt-4o\",\"tokens\":7,\"encoding\":\"o200k_base\",\"exact\":true}");
    }

    @Test
    void countsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prompt.txt");
        Files.writeString(file, "お誕生日おめでとう", StandardCharsets.UTF_8);

        assertThat(run("tokens", "--model", "gpt-4o", "--file", file.toString())).isZero();

        assertThat(out.toString().strip()).isEqualTo("8");
    }

    @Test
    void estimatesOtherFamiliesAndSaysSo() {
        // 84 ASCII bytes at Llama's seed of 4.2 bytes per token: 20.
        assertThat(run("tokens", "--model", "llama3.2", "--json", "x".repeat(84))).isZero();

        assertThat(out.toString().strip())
                .isEqualTo("{\"model\":\"llama3.2\",\"tokens\":20,\"encoding\":\"estimate:llama\",\"exact\":false,\"bytesPerToken\":4.2}");
    }

    @Test
    void exitsOneWithAMessageForAnUnknownModelFamily() {
        assertThat(run("tokens", "--model", "my-finetune", "hello")).isEqualTo(1);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).startsWith("unknown model family for 'my-finetune'").doesNotContain("\n");
    }

    @Test
    void refusesBothOrNeitherTextAndFile() {
        assertThat(run("tokens", "--model", "gpt-4o")).isNotZero();
        assertThat(err.toString()).contains("give either TEXT or --file FILE, not neither");

        assertThat(run("tokens", "--model", "gpt-4o", "--file", "x.txt", "hello")).isNotZero();
        assertThat(err.toString()).contains("not both");
    }

    @Test
    void aMissingFileIsAOneLineError(@TempDir Path dir) {
        assertThat(run("tokens", "--model", "gpt-4o", "--file", dir.resolve("nope.txt").toString())).isNotZero();

        assertThat(err.toString()).contains("cannot read").contains("no such file");
    }
}
