package io.github.sparkroleguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.Hardening;
import io.github.sparkroleguard.config.Mode;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.decision.Act;
import io.github.sparkroleguard.decision.Intent;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.TrailRecord;
import io.github.sparkroleguard.report.CoverageResult;
import io.github.sparkroleguard.report.RoleReport.Action;
import io.github.sparkroleguard.restore.StepResult;
import io.github.sparkroleguard.state.Approval;
import io.github.sparkroleguard.state.FlapRule;
import io.github.sparkroleguard.state.Pause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decide step, one row per situation a role's pass handles; no store, cloud or clock. */
class RoleStepTest {
  static final Instant T = ApprovalsTest.T;
  static final String DOC = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}";
  static final Hardening PLAIN = new Hardening(3, 10, 30, 0, List.of());
  static final Hardening APPROVING = ApprovalsTest.APPROVING;
  static final FlapRule FLAP = new FlapRule(3, Duration.ofMinutes(10), Duration.ofMinutes(30));
  static final TrailRecord BY_APPROVED = ApprovalsTest.record("ev-1", "infra-deployer", T.minusSeconds(60));
  static final TrailRecord BY_OTHER = ApprovalsTest.record("ev-2", "mallory", T.minusSeconds(60));
  static final Optional<Pause> PAUSED = Optional.of(new Pause(T.plus(Duration.ofMinutes(30)), Set.of("mallory")));

  static RoleBaseline baseline(Mode mode) {
    return RoleBaseline.builder("r").mode(mode).detachUnexpected(true)
        .policies(List.of(PolicyRef.custom("p", DOC, ""), PolicyRef.system("S"))).build();
  }

  static RoleState live(boolean drifted) {
    List<AttachedPolicy> attached = new ArrayList<>(List.of(new AttachedPolicy(PolicyType.CUSTOM, "p"),
        new AttachedPolicy(PolicyType.SYSTEM, "S")));
    if (drifted) {
      attached.add(new AttachedPolicy(PolicyType.SYSTEM, "AdministratorAccess"));
    }
    return RoleState.present("r", Defaults.SPARK_TRUST_POLICY, attached, List.of(PolicyState.present("p", "v1", DOC, List.of())));
  }

  /** One situation: the facts the orchestrator would have read, and the settings. */
  static final class Row {
    Intent intent = Intent.SCAN;
    Mode mode = Mode.RESTORE;
    boolean drifted = true;
    List<TrailRecord> events = List.of();
    List<TrailRecord> attributed = List.of(BY_OTHER);
    String who = "who: the most recent change in ActionTrail (events appear there about 10 minutes late)";
    boolean trailAnswered = true;
    CoverageResult covered;
    Optional<Pause> paused = Optional.empty();
    Optional<Approval> stored = Optional.empty();
    boolean refusal;
    Hardening hardening = PLAIN;
    boolean dryRun;
    int attributionHours = 24;

    RoleStep decide() {
      RoleBaseline b = baseline(mode);
      RoleState state = live(drifted);
      RoleStep.Facts f = new RoleStep.Facts(b, intent, state, RoleStep.material(DriftDetector.compare(b, state)), events,
          attributed, who, trailAnswered, covered, paused, stored, refusal);
      return RoleStep.decide(f, hardening, dryRun, attributionHours, FLAP, T);
    }
  }

  static Row row() {
    return new Row();
  }

  static Row event(TrailRecord r) {
    Row row = row();
    row.intent = Intent.EVENT;
    row.events = List.of(r);
    row.attributed = List.of(r);
    return row;
  }

  static Arguments a(String name, Row row, Action action, Act.Reason reason, boolean alerts, String note) {
    return Arguments.of(name, row, action, reason, alerts, note);
  }

  static Stream<Arguments> situations() {
    Row inSync = row();
    inSync.drifted = false;
    Row gaps = row();
    gaps.drifted = false;
    gaps.covered = CoverageResult.unreadable("policy p does not parse");
    Row gapsOnCheck = row();
    gapsOnCheck.drifted = false;
    gapsOnCheck.intent = Intent.CHECK;
    gapsOnCheck.covered = CoverageResult.unreadable("policy p does not parse");
    Row check = row();
    check.intent = Intent.CHECK;
    Row alertMode = row();
    alertMode.mode = Mode.ALERT;
    Row restore = row();
    Row dryRun = row();
    dryRun.dryRun = true;
    Row approvedNow = event(BY_APPROVED);
    approvedNow.hardening = APPROVING;
    Row approvedEarlier = row();
    approvedEarlier.hardening = APPROVING;
    approvedEarlier.attributed = List.of();
    approvedEarlier.stored = Optional.of(ApprovalsTest.STORED);
    Row refusedEarlier = row();
    refusedEarlier.hardening = new Hardening(3, 10, 30, 0, List.of("someone-else"));
    refusedEarlier.attributed = List.of();
    refusedEarlier.stored = Optional.of(ApprovalsTest.STORED);
    Row trailSilent = row();
    trailSilent.hardening = APPROVING;
    trailSilent.attributed = List.of();
    trailSilent.trailAnswered = false;
    trailSilent.who = "who: ActionTrail lookup failed (Throttling)";
    trailSilent.stored = Optional.of(ApprovalsTest.STORED);
    Row unattributed = row();
    unattributed.hardening = APPROVING;
    unattributed.attributed = List.of();
    unattributed.who = "who: no change in ActionTrail in the last 24 h (events appear there about 10 minutes late)";
    Row attributionOff = row();
    attributionOff.hardening = APPROVING;
    attributionOff.attributed = List.of();
    attributionOff.who = "";
    attributionOff.attributionHours = 0;
    Row paused = event(BY_OTHER);
    paused.paused = PAUSED;
    Row operator = row();
    operator.intent = Intent.RESTORE;
    operator.paused = PAUSED;
    operator.mode = Mode.ALERT;
    Row operatorApproved = event(BY_APPROVED);
    operatorApproved.intent = Intent.RESTORE;
    operatorApproved.hardening = APPROVING;
    Row grantsRefused = row();
    grantsRefused.drifted = false;
    grantsRefused.refusal = true;
    return Stream.of(
        a("in sync", inSync, Action.NONE, Act.Reason.IN_SYNC, false, null),
        a("in sync, coverage gaps on a scan", gaps, Action.NONE, Act.Reason.COVERAGE_GAPS, true, null),
        a("in sync, coverage gaps on a check: reported only", gapsOnCheck, Action.NONE, Act.Reason.IN_SYNC, false, null),
        a("check intent", check, Action.REPORT_ONLY, Act.Reason.CHECK_ONLY, false, null),
        a("drift in alert mode", alertMode, Action.ALERT_ONLY, Act.Reason.ALERT_MODE, true, null),
        a("drift in restore mode", restore, Action.RESTORE, Act.Reason.RESTORE_MODE, true, null),
        a("dry run", dryRun, Action.DRY_RUN, Act.Reason.DRY_RUN, true, null),
        a("approved actor now", approvedNow, Action.ALERT_ONLY, Act.Reason.APPROVED_ACTOR, true,
            "made by an approved actor: reported, not reverted"),
        a("approved actor earlier", approvedEarlier, Action.ALERT_ONLY, Act.Reason.APPROVED_ACTOR, true,
            "made by an approved actor (assumed-role infra-deployer:terraform, seen when its event arrived)"),
        a("earlier approval refused", refusedEarlier, Action.ALERT_ONLY, Act.Reason.UNATTRIBUTED, true,
            "an earlier approval of this drift (assumed-role infra-deployer:terraform, event ev-1) is not honoured: "),
        a("earlier approval, ActionTrail did not answer", trailSilent, Action.ALERT_ONLY, Act.Reason.UNATTRIBUTED, true,
            "is not honoured: ActionTrail did not answer"),
        a("unattributed with approved actors", unattributed, Action.ALERT_ONLY, Act.Reason.UNATTRIBUTED, true,
            "not reverted: no change in ActionTrail names who did this (no change in ActionTrail in the last 24 h"),
        a("unattributed, attribution off", attributionOff, Action.ALERT_ONLY, Act.Reason.UNATTRIBUTED, true,
            "(attribution is off, attributionHours: 0)"),
        a("restores paused", paused, Action.ALERT_ONLY, Act.Reason.PAUSED, true,
            "restores of this role are paused until " + T.plus(Duration.ofMinutes(30)) + ": restored 3 times within 10 "
                + "minutes, changed by mallory"),
        a("operator restore ignores mode and pause", operator, Action.RESTORE, Act.Reason.OPERATOR_RESTORE, true, null),
        a("operator restore ignores approval", operatorApproved, Action.RESTORE, Act.Reason.OPERATOR_RESTORE, true, null),
        a("grants listing refused, due its alert", grantsRefused, Action.NONE, Act.Reason.IN_SYNC, true, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("situations")
  void decide(String name, Row row, Action action, Act.Reason reason, boolean alerts, String note) {
    RoleStep step = row.decide();
    assertEquals(action, step.act().action(), name);
    assertEquals(reason, step.act().reason(), name);
    assertEquals(alerts, step.alerts(), name);
    if (note == null) {
      assertEquals(List.of(), step.notes(), name);
    } else {
      assertEquals(1, step.notes().stream().filter(n -> n.contains(note)).count(), name + ": " + step.notes());
    }
    assertEquals(reason == Act.Reason.APPROVED_ACTOR && !row.events.isEmpty(), step.approval().isPresent(),
        name + ": an approval is recorded only when the approved actor's own event is seen");
  }

  @Test
  void decide_approvedNow_recordsTheEventsApprovalUnderTheDriftKey() {
    Row row = event(BY_APPROVED);
    row.hardening = APPROVING;
    RoleStep step = row.decide();
    assertEquals("ev-1", step.approval().orElseThrow().eventId());
    assertTrue(step.driftKey().startsWith("r|"), step.driftKey());
  }

  @Test
  void decide_planFollowsTheIntent() {
    Row check = row();
    check.intent = Intent.CHECK;
    assertNull(check.decide().plan(), "a check never plans writes");
    Row inSync = row();
    inSync.drifted = false;
    assertNull(inSync.decide().plan());
    Row dry = row();
    dry.dryRun = true;
    List<StepResult> planned = dry.decide().planned();
    assertEquals(1, planned.size());
    assertEquals(StepResult.Status.PLANNED, planned.get(0).status());
    assertEquals("DetachPolicyFromRole", planned.get(0).step().action().apiName());
  }

  @Test
  void reads_askedOnlyWhenTheyCanChangeTheDecision() {
    RoleBaseline restore = baseline(Mode.RESTORE);
    RoleBaseline alert = baseline(Mode.ALERT);
    List<io.github.sparkroleguard.drift.DriftItem> drift = RoleStep.material(DriftDetector.compare(restore, live(true)));
    assertTrue(RoleStep.pauseInFirstRound(restore, Intent.EVENT));
    assertFalse(RoleStep.pauseInFirstRound(restore, Intent.SCAN));
    assertFalse(RoleStep.pauseInFirstRound(alert, Intent.EVENT));
    assertTrue(RoleStep.asksPause(false, drift, Intent.SCAN, restore));
    assertFalse(RoleStep.asksPause(true, drift, Intent.SCAN, restore), "already read in the first round");
    assertFalse(RoleStep.asksPause(false, List.of(), Intent.SCAN, restore), "a healthy role costs the store nothing");
    assertFalse(RoleStep.asksPause(false, drift, Intent.SCAN, alert));
    assertFalse(RoleStep.asksPause(false, drift, Intent.RESTORE, restore));
    assertTrue(RoleStep.asksAttribution(drift, List.of()));
    assertFalse(RoleStep.asksAttribution(drift, List.of(BY_OTHER)));
    assertFalse(RoleStep.asksAttribution(List.of(), List.of()));
    assertTrue(RoleStep.asksStoredApproval(APPROVING, Intent.SCAN, drift, List.of(), List.of(BY_OTHER)));
    assertFalse(RoleStep.asksStoredApproval(APPROVING, Intent.SCAN, drift, List.of(), List.of(BY_APPROVED)));
    assertFalse(RoleStep.asksStoredApproval(APPROVING, Intent.EVENT, drift, List.of(BY_OTHER), List.of(BY_OTHER)));
    assertFalse(RoleStep.asksStoredApproval(APPROVING, Intent.SCAN, List.of(), List.of(), List.of()));
  }

  @Test
  void material_dropsCosmeticEdits() {
    RoleBaseline b = baseline(Mode.RESTORE);
    String redundant = DOC.replace("\"oss:GetObject\"", "[\"oss:GetObject\", \"oss:GetObject\"]")
        .replace("\"Resource\":\"*\"", "\"Resource\":[\"*\", \"acs:oss:*:*:*\"]");
    RoleState edited = RoleState.present("r", Defaults.SPARK_TRUST_POLICY, List.of(new AttachedPolicy(PolicyType.CUSTOM, "p"),
        new AttachedPolicy(PolicyType.SYSTEM, "S")), List.of(PolicyState.present("p", "v1", redundant, List.of())));
    assertEquals(1, DriftDetector.compare(b, edited).size(), "the edit is reported");
    assertEquals(List.of(), RoleStep.material(DriftDetector.compare(b, edited)), "but never acted on");
  }

  @Test
  void actorsAndFlapNote_nameWhoKeepsChangingTheRole() {
    assertEquals(Set.of("unknown (found by a scan)"), RoleStep.actors(List.of()));
    assertEquals("someone keeps changing this role: 3 restores within 10 minutes, by mallory; restores paused for 30 "
        + "minutes, alerts continue", RoleStep.flapNote(new Pause.Outcome(true, Set.of("mallory")), FLAP));
  }
}
