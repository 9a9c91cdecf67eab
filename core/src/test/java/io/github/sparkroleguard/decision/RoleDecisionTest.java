package io.github.sparkroleguard.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.report.RoleReport.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RoleDecisionTest {
  /**
   * The rows people ask about, spelled out. Flags: d = dry run, m = material drift, p = the plan
   * writes, a = approved actors only, z = paused (flapping), g = coverage gaps, u = nobody named
   * for the change, c = approved actors configured.
   */
  @ParameterizedTest(name = "{0} {1} [{2}] -> {3} {4} alert={5}")
  @CsvSource({
      "EVENT,   RESTORE, '',     NONE,        IN_SYNC,          false",
      "EVENT,   RESTORE, g,      NONE,        IN_SYNC,          false",
      "SCAN,    ALERT,   g,      NONE,        COVERAGE_GAPS,    true",
      "CHECK,   ALERT,   g,      NONE,        IN_SYNC,          false",
      "CHECK,   RESTORE, mp,     REPORT_ONLY, CHECK_ONLY,       false",
      "EVENT,   ALERT,   mp,     ALERT_ONLY,  ALERT_MODE,       true",
      "SCAN,    ALERT,   mpd,    ALERT_ONLY,  ALERT_MODE,       true",
      "EVENT,   RESTORE, m,      ALERT_ONLY,  NOTHING_TO_WRITE, true",
      "RESTORE, ALERT,   m,      ALERT_ONLY,  NOTHING_TO_WRITE, true",
      "EVENT,   RESTORE, mpa,    ALERT_ONLY,  APPROVED_ACTOR,   true",
      "SCAN,    RESTORE, mpa,    ALERT_ONLY,  APPROVED_ACTOR,   true",
      "EVENT,   RESTORE, mpz,    ALERT_ONLY,  PAUSED,           true",
      "EVENT,   RESTORE, mpaz,   ALERT_ONLY,  APPROVED_ACTOR,   true",
      "EVENT,   RESTORE, mpd,    DRY_RUN,     DRY_RUN,          true",
      "EVENT,   RESTORE, mpzd,   ALERT_ONLY,  PAUSED,           true",
      "EVENT,   RESTORE, mp,     RESTORE,     RESTORE_MODE,     true",
      "SCAN,    RESTORE, mp,     RESTORE,     RESTORE_MODE,     true",
      "RESTORE, ALERT,   mp,     RESTORE,     OPERATOR_RESTORE, true",
      "RESTORE, ALERT,   mpaz,   RESTORE,     OPERATOR_RESTORE, true",
      "RESTORE, RESTORE, mpazd,  DRY_RUN,     DRY_RUN,          true",
      "SCAN,    RESTORE, mpuc,   ALERT_ONLY,  UNATTRIBUTED,     true",
      "SCAN,    RESTORE, mpucd,  ALERT_ONLY,  UNATTRIBUTED,     true",
      "SCAN,    RESTORE, mpu,    RESTORE,     RESTORE_MODE,     true",
      "SCAN,    RESTORE, mpc,    RESTORE,     RESTORE_MODE,     true",
      "EVENT,   RESTORE, mpuc,   RESTORE,     RESTORE_MODE,     true",
      "RESTORE, RESTORE, mpuc,   RESTORE,     OPERATOR_RESTORE, true",
  })
  void decide_namedRows_matchTheDocumentedBehaviour(Intent intent, Mode mode, String flags, Action action,
      Act.Reason reason, boolean alert) {
    Act act = RoleDecision.decide(situation(intent, mode, flags));
    assertEquals(action, act.action(), act::toString);
    assertEquals(reason, act.reason(), act::toString);
    assertEquals(alert, act.alert(), act::toString);
  }

  static Stream<Situation> everySituation() {
    List<Situation> all = new ArrayList<>();
    for (Intent intent : Intent.values()) {
      for (Mode mode : Mode.values()) {
        for (int bits = 0; bits < 256; bits++) {
          StringBuilder flags = new StringBuilder();
          for (int i = 0; i < 8; i++) {
            if ((bits & (1 << i)) != 0) {
              flags.append("dmpazguc".charAt(i));
            }
          }
          all.add(situation(intent, mode, flags.toString()));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("everySituation")
  void decide_everySituation_keepsTheSafetyRules(Situation s) {
    Act act = RoleDecision.decide(s);
    if (act.restores()) {
      assertTrue(s.materialDrift && s.planHasWrites && !s.dryRun, "restores only real drift with a plan, never in a dry run");
      assertTrue(s.intent == Intent.RESTORE || (s.mode == Mode.RESTORE && s.intent != Intent.CHECK),
          "restores only in restore mode or on an operator's restore");
      assertTrue(s.intent == Intent.RESTORE || (!s.approvedOnly && !s.paused), "approved actors and pauses hold automatic restores");
      assertFalse(s.intent == Intent.SCAN && s.unattributed && s.approvedActors,
          "a scan never reverts a change nobody is named for while approved actors are configured");
    }
    if (s.intent == Intent.CHECK) {
      assertFalse(act.alert() || act.restores() || act.action() == Action.DRY_RUN, "a check never acts");
    }
    if (s.materialDrift && s.intent != Intent.CHECK) {
      assertTrue(act.alert(), "drift outside a check is always alerted");
      assertTrue(act.action() != Action.NONE && act.action() != Action.REPORT_ONLY);
    }
    if (!s.materialDrift) {
      assertEquals(Action.NONE, act.action(), "nothing to act on");
      assertEquals(s.intent == Intent.SCAN && s.coverageGaps, act.alert(), "only a scan tells about coverage gaps");
    }
    if (act.action() == Action.DRY_RUN) {
      assertTrue(s.dryRun);
    }
    if (s.dryRun) {
      assertFalse(act.restores(), "a dry run never writes");
    }
  }

  @Test
  void decide_everySituation_coversEveryActionAndReason() {
    List<Act> acts = new ArrayList<>();
    everySituation().forEach(s -> acts.add(RoleDecision.decide(s)));
    for (Action a : Action.values()) {
      assertTrue(acts.stream().anyMatch(x -> x.action() == a), a + " is reachable");
    }
    for (Act.Reason r : Act.Reason.values()) {
      assertTrue(acts.stream().anyMatch(x -> x.reason() == r), r + " is reachable");
    }
    assertEquals(4 * 2 * 256, acts.size());
  }

  static Situation situation(Intent intent, Mode mode, String flags) {
    return Situation.of(intent, mode)
        .dryRun(flags.contains("d"))
        .materialDrift(flags.contains("m"))
        .planHasWrites(flags.contains("p"))
        .approvedOnly(flags.contains("a"))
        .paused(flags.contains("z"))
        .coverageGaps(flags.contains("g"))
        .unattributed(flags.contains("u"))
        .approvedActors(flags.contains("c"))
        .build();
  }
}
