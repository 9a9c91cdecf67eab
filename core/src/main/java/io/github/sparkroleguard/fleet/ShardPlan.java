package io.github.sparkroleguard.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * How a fleet's timer scan is split into shards (issue 25), decided from numbers alone: a shard
 * holds as many accounts as its invocation can scan within the time budget, at the measured cost
 * of one account and the accounts scanned at once, never more than the heap allows; shards are
 * then evened out so the last is not a straggler. Below the threshold there is one scan and no
 * fan-out.
 */
public final class ShardPlan {
  private ShardPlan() {}

  /** Inputs of the plan. */
  public static final class Limits {
    final int threshold;
    final long budgetMillis;
    final long accountMillis;
    final int concurrency;
    final int maxShard;

    /**
     * @param threshold fleets of fewer accounts are not fanned out
     * @param budgetMillis the wall time one shard may take
     * @param accountMillis the wall time one account's scan takes (measured, or the configured guess)
     * @param concurrency accounts one invocation scans at once
     * @param maxShard accounts one invocation may hold at most (its heap)
     */
    public Limits(int threshold, long budgetMillis, long accountMillis, int concurrency, int maxShard) {
      if (threshold < 2 || budgetMillis < 1 || accountMillis < 1 || concurrency < 1 || maxShard < 1) {
        throw new IllegalArgumentException("fan-out limits must be positive (threshold at least 2)");
      }
      this.threshold = threshold;
      this.budgetMillis = budgetMillis;
      this.accountMillis = accountMillis;
      this.concurrency = concurrency;
      this.maxShard = maxShard;
    }
  }

  /** True when a fleet this large is fanned out. */
  public static boolean fansOut(int accounts, Limits limits) {
    return accounts >= limits.threshold;
  }

  /** Accounts one shard may hold: what fits the budget at this concurrency, within the heap bound. */
  public static int shardSize(Limits limits) {
    long rounds = Math.max(1, limits.budgetMillis / limits.accountMillis);
    long fits = rounds * limits.concurrency;
    return (int) Math.max(1, Math.min(limits.maxShard, fits));
  }

  /**
   * The shards, in fleet order, sizes differing by at most one; a single shard holding every
   * account when the fleet is below the threshold.
   */
  public static <T> List<List<T>> split(List<T> accounts, Limits limits) {
    List<List<T>> out = new ArrayList<>();
    if (accounts.isEmpty()) {
      return out;
    }
    if (!fansOut(accounts.size(), limits)) {
      out.add(List.copyOf(accounts));
      return out;
    }
    int size = shardSize(limits);
    int shards = (accounts.size() + size - 1) / size;
    int base = accounts.size() / shards;
    int larger = accounts.size() % shards;
    int from = 0;
    for (int i = 0; i < shards; i++) {
      int n = base + (i < larger ? 1 : 0);
      out.add(List.copyOf(accounts.subList(from, from + n)));
      from += n;
    }
    return out;
  }
}
