package io.github.sparkroleguard.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.DriftDetector;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RestoreExecutorTest {
  static final String DOC = RestorePlannerTest.DOC;
  static final RoleBaseline BASE = RoleBaseline.builder("r").description("d").maxSessionDuration(7200)
      .policies(List.of(PolicyRef.custom("p", DOC, "pd"), PolicyRef.system("S"))).build();
  final RamPort ram = mock(RamPort.class);
  final RestoreExecutor executor = new RestoreExecutor(ram);

  static String statuses(List<StepResult> results) {
    return results.stream().map(r -> r.status().name()).collect(Collectors.joining(","));
  }

  @Test
  void execute_alreadyExistsAndNotAttachedOnDetach_countAsConverged() {
    doThrow(new CloudCallException("EntityAlreadyExists.Role", "exists", false)).when(ram).createRole(any(), any(), any(), org.mockito.ArgumentMatchers.anyInt());
    doThrow(new CloudCallException("EntityAlreadyExists.Role.Policy", "attached", false)).when(ram).attachPolicyToRole(any(), any(), any());
    List<StepResult> r = executor.execute(BASE, List.of(WriteStep.createRole("r", Defaults.SPARK_TRUST_POLICY),
        WriteStep.attach("r", PolicyType.SYSTEM, "S")), new WriteBudget(10));
    assertEquals("CONVERGED,CONVERGED", statuses(r));
    verify(ram).createRole("r", Defaults.SPARK_TRUST_POLICY, "d", 7200);
  }

  @Test
  void execute_createPolicyFails_attachOfItIsNotRunAndNamesIt() {
    doThrow(new CloudCallException("NoPermission", "denied", false)).when(ram).createPolicy(any(), any(), any());
    List<StepResult> r = executor.execute(BASE, List.of(WriteStep.createPolicy("r", "p", DOC),
        WriteStep.attach("r", PolicyType.CUSTOM, "p"), WriteStep.attach("r", PolicyType.SYSTEM, "S")), new WriteBudget(10));
    assertEquals("FAILED,NOT_RUN,DONE", statuses(r));
    assertEquals("NoPermission: denied", r.get(0).detail());
    assertEquals("depends on \"CreatePolicy p with the pinned document\", which failed", r.get(1).detail());
    assertSame(r.get(0).step(), r.get(1).blockedBy().orElseThrow());
    verify(ram).attachPolicyToRole(PolicyType.SYSTEM, "S", "r");
  }

  @Test
  void execute_refusedUpdateRole_stillDetachesTheUnexpectedAndAttachesTheLost() {
    RoleBaseline b = RoleBaseline.builder("r").detachUnexpected(true)
        .policies(List.of(PolicyRef.custom("p", DOC, "pd"), PolicyRef.system("S"))).build();
    RoleState live = RoleState.present("r", RestorePlannerTest.WIDE,
        List.of(new AttachedPolicy(PolicyType.SYSTEM, "AdministratorAccess"), new AttachedPolicy(PolicyType.SYSTEM, "S")),
        List.of(PolicyState.present("p", "v1", DOC, List.of())));
    List<WriteStep> plan = RestorePlanner.plan(b, live, DriftDetector.compare(b, live)).steps();
    doThrow(new CloudCallException("NoPermission", "ram:UpdateRole denied", false)).when(ram).updateRoleTrustPolicy(any(), any());

    List<StepResult> r = executor.execute(b, plan, new WriteBudget(10));

    assertEquals(List.of(WriteStep.Action.DETACH_POLICY_FROM_ROLE, WriteStep.Action.UPDATE_ROLE,
        WriteStep.Action.ATTACH_POLICY_TO_ROLE), r.stream().map(x -> x.step().action()).collect(Collectors.toList()));
    assertEquals("DONE,FAILED,DONE", statuses(r));
    verify(ram).detachPolicyFromRole(PolicyType.SYSTEM, "AdministratorAccess", "r");
    verify(ram).attachPolicyToRole(PolicyType.CUSTOM, "p", "r");
  }

  @Test
  void execute_createRoleFails_everyStepOnTheRoleIsNotRunButPoliciesAreStillWritten() {
    doThrow(new CloudCallException("NoPermission", "denied", false)).when(ram).createRole(any(), any(), any(), anyInt());
    List<StepResult> r = executor.execute(BASE, List.of(WriteStep.createPolicy("r", "p", DOC),
        WriteStep.createRole("r", Defaults.SPARK_TRUST_POLICY), WriteStep.attach("r", PolicyType.CUSTOM, "p"),
        WriteStep.attach("r", PolicyType.SYSTEM, "S")), new WriteBudget(10));
    assertEquals("DONE,FAILED,NOT_RUN,NOT_RUN", statuses(r));
    assertTrue(r.get(3).detail().contains("CreateRole r"), r.get(3).detail());
  }

  @Test
  void execute_stepNotRunForTheCap_blocksItsDependentsTooNamingIt() {
    List<StepResult> r = executor.execute(BASE, List.of(WriteStep.createPolicy("r", "p", DOC),
        WriteStep.attach("r", PolicyType.CUSTOM, "p")), new WriteBudget(0));
    assertEquals("NOT_RUN,NOT_RUN", statuses(r));
    assertEquals("depends on \"CreatePolicy p with the pinned document\", which did not run", r.get(1).detail());
  }

  @Test
  void execute_refusedUnsafeStep_blocksOnlyItsDependents() {
    List<StepResult> r = executor.execute(BASE, List.of(WriteStep.createPolicyVersion("r", "p", RestorePlannerTest.WIDE),
        WriteStep.attach("r", PolicyType.CUSTOM, "p"), WriteStep.attach("r", PolicyType.SYSTEM, "S")), new WriteBudget(10));
    assertEquals("FAILED,NOT_RUN,DONE", statuses(r));
  }

  @Test
  void execute_writeCap_isSharedAndStops() {
    WriteBudget budget = new WriteBudget(1);
    List<StepResult> r = executor.execute(BASE, List.of(WriteStep.attach("r", PolicyType.SYSTEM, "S"),
        WriteStep.attach("r", PolicyType.CUSTOM, "p")), budget);
    assertEquals("DONE,NOT_RUN", statuses(r));
    assertEquals(1, budget.used());
  }

  @Test
  void execute_unsafeSteps_areRefusedAndNeverSent() {
    RamPort untouched = mock(RamPort.class);
    RestoreExecutor ex = new RestoreExecutor(untouched);
    List<WriteStep> unsafe = List.of(
        WriteStep.attach("other-role", PolicyType.SYSTEM, "S"),
        WriteStep.attach("r", PolicyType.SYSTEM, "AdministratorAccess"),
        WriteStep.createPolicyVersion("r", "p", RestorePlannerTest.WIDE),
        WriteStep.createPolicy("r", "S", DOC),
        WriteStep.updateRole("r", RestorePlannerTest.WIDE),
        WriteStep.detach("r", PolicyType.SYSTEM, "S"),
        WriteStep.setDefaultVersion("r", "not-pinned", "v1"));
    for (WriteStep s : unsafe) {
      assertThrows(UnsafeWriteException.class, () -> RestoreExecutor.checkSafe(BASE, s), s.describe());
      List<StepResult> r = ex.execute(BASE, List.of(s), new WriteBudget(10));
      assertEquals("FAILED", statuses(r));
      assertTrue(r.get(0).detail().startsWith("refused: "));
    }
    verifyNoInteractions(untouched);
  }
}
