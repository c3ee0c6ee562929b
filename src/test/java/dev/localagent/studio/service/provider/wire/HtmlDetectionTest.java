package dev.localagent.studio.service.provider.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HTML where JSON was expected: Perplexity's 401 page, proxies' error pages. */
class HtmlDetectionTest {

    private static final byte[] PAGE = "\r\n  <html><head><title>401 Authorization Required</title></head><body>openresty</body></html>"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void recognisesHtmlByMediaTypeOrByItsFirstCharacter() {
        assertThat(ProviderCalls.looksLikeHtml("text/html", "{}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ProviderCalls.looksLikeHtml("application/json", PAGE)).isTrue();
        assertThat(ProviderCalls.looksLikeHtml("application/json", "{\"error\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(ProviderCalls.looksLikeHtml("", new byte[0])).isFalse();
    }

    @Test
    void quotesThePageTitleInTheError() {
        assertThat(ProviderCalls.htmlTitle(PAGE)).isEqualTo("401 Authorization Required");
        assertThat(ProviderCalls.htmlTitle("<p>no title</p>".getBytes(StandardCharsets.UTF_8))).isEqualTo("no title");
    }
}
