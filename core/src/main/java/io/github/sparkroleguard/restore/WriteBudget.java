package io.github.sparkroleguard.restore;

/** The cap on RAM writes in one invocation, shared by every role it restores. */
public final class WriteBudget {
  private final int limit;
  private int used;

  public WriteBudget(int limit) {
    this.limit = limit;
  }

  synchronized boolean take() {
    if (used >= limit) {
      return false;
    }
    used++;
    return true;
  }

  public synchronized int used() {
    return used;
  }

  public int limit() {
    return limit;
  }
}
