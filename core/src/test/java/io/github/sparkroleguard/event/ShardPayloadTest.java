package io.github.sparkroleguard.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Shard payloads (issue 25) are untrusted input: read strictly, bounded. */
class ShardPayloadTest {
  static GuardRequest parse(String json) {
    return InputParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static String error(String json) {
    return assertThrows(BadInputException.class, () -> parse(json)).getMessage();
  }

  @Test
  void aShard_isATimerScanOfItsAccounts() {
    GuardRequest r = parse("{\"shard\":{\"id\":\"2026-12-03T05:00:00Z/2-of-13\",\"accounts\":[\"2000000000000001\",\"2000000000000002\"]}}");

    assertEquals(GuardRequest.Kind.TIMER, r.kind());
    assertTrue(r.isShard());
    assertEquals("2026-12-03T05:00:00Z/2-of-13", r.shardId());
    assertEquals(List.of("2000000000000001", "2000000000000002"), r.shardAccounts());
    assertEquals(Command.Action.SCAN, r.command().action());
  }

  @Test
  void aTimerEvent_isNotAShard() {
    assertTrue(!parse("{\"triggerTime\":\"t\",\"triggerName\":\"scan\"}").isShard());
  }

  @Test
  void everythingElse_isRefused_withWhatWasWrong() {
    assertTrue(error("{\"shard\":{\"id\":\"x\",\"accounts\":[\"2000000000000001\"]},\"action\":\"restore\"}")
        .contains("action: unknown key"));
    assertTrue(error("{\"shard\":{\"id\":\"x\",\"accounts\":[\"2000000000000001\"],\"mode\":\"alert\"}}")
        .contains("shard.mode: unknown key"));
    assertTrue(error("{\"shard\":[]}").startsWith("shard: expected an object"));
    assertTrue(error("{\"shard\":{\"accounts\":[\"2000000000000001\"]}}").startsWith("shard.id: required"));
    assertTrue(error("{\"shard\":{\"id\":\"a b\",\"accounts\":[\"2000000000000001\"]}}").startsWith("shard.id"));
    assertTrue(error("{\"shard\":{\"id\":\"x\",\"accounts\":[]}}").startsWith("shard.accounts: required"));
    assertTrue(error("{\"shard\":{\"id\":\"x\",\"accounts\":[2000000000000001]}}").startsWith("shard.accounts[0]: not an"));
    assertTrue(error("{\"shard\":{\"id\":\"x\",\"accounts\":[\"../etc\"]}}").startsWith("shard.accounts[0]: not an"));
    assertTrue(error("{\"shard\":{\"id\":\"x\",\"accounts\":[\"2000000000000001\",\"2000000000000001\"]}}")
        .contains("named twice"));
  }

  @Test
  void aShard_isBounded() {
    String many = IntStream.range(0, ShardPayload.MAX_ACCOUNTS + 1).mapToObj(i -> "\"" + (2_000_000_000_000_000L + i) + "\"")
        .collect(Collectors.joining(","));
    assertEquals("shard.accounts: 201 accounts (limit 200)", error("{\"shard\":{\"id\":\"x\",\"accounts\":[" + many + "]}}"));
  }
}
