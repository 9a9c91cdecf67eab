package io.github.sparkroleguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.report.RoleReport.Status;
import io.github.sparkroleguard.restore.RestorePlan;
import io.github.sparkroleguard.restore.RestorePlanner;
import io.github.sparkroleguard.restore.StepResult;
import io.github.sparkroleguard.restore.StepResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The outcome step: the re-read decides the status, the first failed step is the error. */
class RoleOutcomeTest {
  static final String DOC = RoleStepTest.DOC;
  /** Restore mode, unexpected policies detached: two extra grants give two writes. */
  static final RoleBaseline DETACH = RoleBaseline.builder("r").mode(Mode.RESTORE).detachUnexpected(true)
      .policies(List.of(PolicyRef.custom("p", DOC, ""), PolicyRef.system("S"))).build();
  /** Unexpected policies kept: the drift is alert-only, the plan has no write for it. */
  static final RoleBaseline KEEP = DETACH.toBuilder().detachUnexpected(false).build();

  static RoleState live(String... extra) {
    List<AttachedPolicy> attached = new ArrayList<>(List.of(new AttachedPolicy(PolicyType.CUSTOM, "p"),
        new AttachedPolicy(PolicyType.SYSTEM, "S")));
    for (String e : extra) {
      attached.add(new AttachedPolicy(PolicyType.SYSTEM, e));
    }
    return RoleState.present("r", Defaults.SPARK_TRUST_POLICY, attached, List.of(PolicyState.present("p", "v1", DOC, List.of())));
  }

  static final RoleState BEFORE = live("AdministratorAccess", "AliyunRAMFullAccess");
  static final List<DriftItem> DRIFT = DriftDetector.compare(DETACH, BEFORE);
  static final RestorePlan PLAN = RestorePlanner.plan(DETACH, BEFORE, DRIFT);

  static List<StepResult> results(StepResult.Status... statuses) {
    List<StepResult> out = new ArrayList<>();
    for (int i = 0; i < statuses.length; i++) {
      out.add(StepResults.of(PLAN.steps().get(i), statuses[i], statuses[i] == StepResult.Status.FAILED ? "NoPermission" : ""));
    }
    return out;
  }

  static List<DriftItem> after(RoleBaseline b, RoleState s) {
    return RoleStep.material(DriftDetector.compare(b, s));
  }

  static Stream<Arguments> rows() {
    StepResult.Status done = StepResult.Status.DONE;
    StepResult.Status converged = StepResult.Status.CONVERGED;
    StepResult.Status failed = StepResult.Status.FAILED;
    StepResult.Status notRun = StepResult.Status.NOT_RUN;
    return Stream.of(
        Arguments.of("every write made, re-read clean", results(done, done), after(DETACH, live()), Status.RESTORED, false),
        Arguments.of("already so, re-read clean", results(converged, converged), after(DETACH, live()), Status.RESTORED, false),
        Arguments.of("one write failed, half left", results(done, failed), after(DETACH, live("AliyunRAMFullAccess")),
            Status.PARTIALLY_RESTORED, true),
        Arguments.of("all written yet the re-read still drifts (someone re-changed it)", results(done, done),
            after(DETACH, BEFORE), Status.RESTORE_FAILED, false),
        Arguments.of("nothing written, some drift gone anyway", results(failed, notRun),
            after(DETACH, live("AliyunRAMFullAccess")), Status.RESTORE_FAILED, true),
        Arguments.of("a step failed yet the re-read is clean", results(failed, done), after(DETACH, live()),
            Status.RESTORED, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void verified(String name, List<StepResult> results, List<DriftItem> after, Status status, boolean error) {
    RoleOutcome o = RoleOutcome.verified(DRIFT, PLAN, results, after);
    assertEquals(status, o.status(), name);
    assertEquals(after, o.after(), name);
    assertEquals(error, o.error().isPresent(), name + ": " + o.error());
  }

  @Test
  void verified_errorNamesTheFirstStepThatFailedOrDidNotRun() {
    List<StepResult> r = results(StepResult.Status.NOT_RUN, StepResult.Status.FAILED);
    RoleOutcome o = RoleOutcome.verified(DRIFT, PLAN, r, DRIFT);
    assertEquals(Optional.of(r.get(0).step().describe() + ": "), o.error());
  }

  @Test
  void verified_driftThePlanOnlyAlertsOnIsNotLeftOver() {
    RoleState before = live("AdministratorAccess");
    List<DriftItem> drift = DriftDetector.compare(KEEP, before);
    RestorePlan plan = RestorePlanner.plan(KEEP, before, drift);
    assertEquals(List.of(), plan.steps());
    RoleOutcome o = RoleOutcome.verified(drift, plan, List.of(), after(KEEP, before));
    assertEquals(Status.RESTORED, o.status());
    assertEquals(drift.stream().map(DriftItem::code).collect(Collectors.toList()),
        o.after().stream().map(DriftItem::code).collect(Collectors.toList()), "still reported as found");
  }

  @Test
  void unverified_failsWithTheDriftAsFound() {
    RoleOutcome o = RoleOutcome.unverified(DRIFT, "InternalError");
    assertEquals(Status.RESTORE_FAILED, o.status());
    assertEquals(DRIFT, o.after());
    assertEquals(Optional.of("verification read failed: InternalError"), o.error());
  }

  @Test
  void wroteAny_countsOnlyWritesMade() {
    assertTrue(RoleOutcome.wroteAny(results(StepResult.Status.CONVERGED, StepResult.Status.DONE)));
    assertFalse(RoleOutcome.wroteAny(results(StepResult.Status.CONVERGED, StepResult.Status.FAILED)));
    assertFalse(RoleOutcome.wroteAny(List.of()));
  }
}
