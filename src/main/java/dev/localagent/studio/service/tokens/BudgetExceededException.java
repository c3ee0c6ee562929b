package dev.localagent.studio.service.tokens;

/** A call was refused because its provider's daily budget is spent. The message says how to go on. */
public final class BudgetExceededException extends RuntimeException {

    private final transient BudgetStatus status;

    public BudgetExceededException(BudgetStatus status) {
        super(status.message());
        this.status = status;
    }

    public BudgetStatus status() {
        return status;
    }
}
