package io.github.sparkroleguard.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardPlanTest {
  static List<Integer> fleet(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  void belowTheThreshold_oneShardHoldsEveryAccount() {
    ShardPlan.Limits limits = new ShardPlan.Limits(100, 300_000, 3_000, 4, 100);

    List<List<Integer>> shards = ShardPlan.split(fleet(99), limits);

    assertFalse(ShardPlan.fansOut(99, limits));
    assertEquals(1, shards.size());
    assertEquals(fleet(99), shards.get(0));
  }

  @Test
  void shardSize_isWhatFitsTheBudget_atTheMeasuredCost() {
    // 60 s budget, 3 s an account, 4 at once: 20 rounds of 4.
    assertEquals(80, ShardPlan.shardSize(new ShardPlan.Limits(2, 60_000, 3_000, 4, 200)));
    // A slower account (measured 12 s): 5 rounds of 4.
    assertEquals(20, ShardPlan.shardSize(new ShardPlan.Limits(2, 60_000, 12_000, 4, 200)));
    // The heap bound wins over a generous budget.
    assertEquals(100, ShardPlan.shardSize(new ShardPlan.Limits(2, 3_600_000, 1_000, 8, 100)));
    // An account slower than the whole budget still gets a shard of its own round.
    assertEquals(4, ShardPlan.shardSize(new ShardPlan.Limits(2, 1_000, 50_000, 4, 100)));
  }

  @Test
  void aThousandAccounts_splitIntoEvenShards_inFleetOrder_eachOnce() {
    ShardPlan.Limits limits = new ShardPlan.Limits(100, 60_000, 3_000, 4, 100); // 80 a shard
    List<List<Integer>> shards = ShardPlan.split(fleet(1000), limits);

    assertEquals(13, shards.size(), "ceil(1000 / 80)");
    int min = shards.stream().mapToInt(List::size).min().getAsInt();
    int max = shards.stream().mapToInt(List::size).max().getAsInt();
    assertTrue(max - min <= 1 && max <= 80, min + ".." + max);
    List<Integer> all = new ArrayList<>();
    shards.forEach(all::addAll);
    assertEquals(fleet(1000), all, "every account once, in order");
  }

  @Test
  void atTheThreshold_itFansOut() {
    ShardPlan.Limits limits = new ShardPlan.Limits(3, 60_000, 60_000, 1, 100);

    assertEquals(List.of(List.of(0), List.of(1), List.of(2)), ShardPlan.split(fleet(3), limits));
    assertEquals(List.of(), ShardPlan.split(fleet(0), limits));
  }

  @Test
  void nonsenseLimits_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ShardPlan.Limits(1, 1, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ShardPlan.Limits(2, 1, 0, 1, 1));
  }
}
