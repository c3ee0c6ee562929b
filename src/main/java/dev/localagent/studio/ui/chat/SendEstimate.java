package dev.localagent.studio.ui.chat;

import dev.localagent.studio.app.CacheAndCosts;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.tokens.CostBreakdown;
import dev.localagent.studio.service.tokens.SearchContextSize;
import dev.localagent.studio.service.tokens.TokenCount;
import dev.localagent.studio.service.tokens.UnknownModelException;
import dev.localagent.studio.service.tokens.WebSearchUsage;
import java.util.Optional;

/**
 * What the next send will cost before it is sent: the prompt's tokens (the whole conversation, as
 * the provider will count it) and the price of that input. Exact for OpenAI models, estimated for
 * the others. Runs off the FX thread (tokenizing a long conversation takes a moment).
 */
final class SendEstimate {

    private SendEstimate() {}

    static String of(CacheAndCosts books, ProviderKind kind, ChatRequest request) {
        TokenCount count;
        try {
            count = books.tokenCounter().countPrompt(request.model(), request);
        } catch (UnknownModelException e) {
            return "no token count for " + request.model();
        }
        String tokens = (count.exact() ? "" : "≈ ") + count.tokens() + " tokens to send"
                + (count.exact() ? " (" + count.encoding() + ")" : " (estimated)");
        WebSearchUsage search = kind == ProviderKind.PERPLEXITY ? WebSearchUsage.of(SearchContextSize.LOW) : WebSearchUsage.NONE;
        Optional<CostBreakdown> cost = books.costs().cost(kind, request.model(), new Usage(count.tokens(), 0, null, null, !count.exact()), search);
        return tokens + cost.map(c -> c.total().signum() == 0 ? " · free" : " · input " + ReplyFacts.usd(c.total()) + " + output").orElse(" · no price known");
    }
}
