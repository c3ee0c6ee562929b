package dev.localagent.studio.service.tokens;

import java.math.BigDecimal;

/**
 * What one reply cost, in US dollars, part by part. Parts a model does not charge are zero.
 *
 * @param estimated true when the token counts were ours, not the server's
 * @param priceSource where the prices came from ({@code price table of 2026-07-30}, {@code config}, {@code local model})
 */
public record CostBreakdown(
        BigDecimal input,
        BigDecimal cachedInput,
        BigDecimal output,
        BigDecimal reasoning,
        BigDecimal citations,
        BigDecimal searchQueries,
        BigDecimal requestFee,
        boolean estimated,
        String priceSource) {

    public static CostBreakdown free(String why, boolean estimated) {
        return new CostBreakdown(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, estimated, why);
    }

    public BigDecimal total() {
        return input.add(cachedInput).add(output).add(reasoning).add(citations).add(searchQueries).add(requestFee);
    }
}
