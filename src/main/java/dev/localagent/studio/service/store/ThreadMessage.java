package dev.localagent.studio.service.store;

/**
 * A message on the branch shown, with its place among its siblings (other replies to the same
 * question, or other versions of an edited question).
 *
 * @param branch 1-based place among the siblings, in the order they were written
 * @param branches how many siblings there are, this one included; 1 when there is no other branch
 */
public record ThreadMessage(StoredMessage message, int branch, int branches) {}
