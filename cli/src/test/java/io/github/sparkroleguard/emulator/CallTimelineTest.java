package io.github.sparkroleguard.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CallTimelineTest {
  @Test
  void rounds_countsOverlappingCallsAsOneAndACallAfterAnEndAsTheNext() {
    // given: two reads together, a write after both, then two reads together again
    CallTimeline t = new CallTimeline();
    long base = System.nanoTime() + 1_000_000;
    t.add("ram", "GetRole", base, base + 50);
    t.add("ram", "ListPoliciesForRole", base + 5, base + 52);
    t.add("ram", "AttachPolicyToRole", base + 60, base + 110);
    t.add("ram", "GetRole", base + 120, base + 170);
    t.add("oss", "PutObject", base + 121, base + 171);

    // then
    assertEquals(3, t.rounds());
    assertEquals(3, t.rounds(c -> c.service.equals("ram")));
    assertEquals(1, t.rounds(c -> c.service.equals("oss")));
  }

  @Test
  void clear_dropsCallsThatStartedBeforeIt() {
    CallTimeline t = new CallTimeline();
    long before = System.nanoTime();
    t.clear();
    t.add("ram", "GetRole", before, System.nanoTime());
    assertEquals(0, t.calls().size());
  }
}
