/**
 * Token counts, prices, cost and budgets. How a call is accounted ({@code app.ReplyAccountant} does
 * this for the pipeline):
 *
 * <pre>{@code
 * budgets.admit(providerId);                                   // throws BudgetExceededException when blocked
 * int promptTokens = counter.countPrompt(model, request).tokens();   // for the token rate limiter
 * ChatResult result = ...;                                     // the call
 * counter.calibrate(model, request, result.text(), result.usage());  // estimated families learn
 * Usage usage = counter.usageFor(model, request, result);      // the server's, or ours marked estimated
 * costs.cost(kind, model, usage, search).ifPresent(cost -> ledger.record(providerId, conversationId, model, usage, cost));
 * }</pre>
 */
package dev.localagent.studio.service.tokens;
