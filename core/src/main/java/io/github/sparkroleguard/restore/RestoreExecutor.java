package io.github.sparkroleguard.restore;

import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.policy.PolicyDocuments;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a restore plan through the RAM port. Each step is checked against the baseline before it
 * is sent (the guard never writes outside what it protects, never grants more than the baseline,
 * never writes a system policy). "Already exists" and "not attached" on detach count as done.
 * A failed step stops only the steps that need what it provides ({@link WriteStep#needs()}): a
 * refused UpdateRole does not keep an unexpected policy attached or a lost one detached.
 */
public final class RestoreExecutor {
  /**
   * Waits for a running deletion of a service-linked role to end (the service cannot create it
   * meanwhile), within the invocation's time budget, or throws a CloudCallException saying so. Time
   * lives outside this pure package: the guard supplies it.
   */
  public interface DeletionWait {
    void await(String roleName);
  }

  private final RamPort ram;
  private final ResourceManagerPort rm;
  private final DeletionWait deletionWait;

  public RestoreExecutor(RamPort ram) {
    this(ram, null, role -> { });
  }

  /**
   * @param rm Resource Management, for grants in resource groups and service-linked roles
   * @param deletionWait run before a service-linked role is re-created
   */
  public RestoreExecutor(RamPort ram, ResourceManagerPort rm, DeletionWait deletionWait) {
    this.ram = ram;
    this.rm = rm;
    this.deletionWait = deletionWait;
  }

  public List<StepResult> execute(RoleBaseline baseline, List<WriteStep> steps, WriteBudget budget) {
    List<StepResult> results = new ArrayList<>();
    for (WriteStep step : steps) {
      Optional<StepResult> blocker = blocker(step, results);
      if (blocker.isPresent()) {
        results.add(StepResult.blocked(step, blocker.get()));
        continue;
      }
      try {
        checkSafe(baseline, step);
      } catch (UnsafeWriteException e) {
        results.add(new StepResult(step, StepResult.Status.FAILED, "refused: " + e.getMessage()));
        continue;
      }
      if (!budget.take()) {
        results.add(new StepResult(step, StepResult.Status.NOT_RUN,
            "write cap of " + budget.limit() + " per invocation reached"));
        continue;
      }
      try {
        apply(baseline, step);
        results.add(new StepResult(step, StepResult.Status.DONE, ""));
      } catch (CloudCallException e) {
        if (isConverged(step, e)) {
          results.add(new StepResult(step, StepResult.Status.CONVERGED, "already so (" + e.code() + ")"));
        } else {
          results.add(new StepResult(step, StepResult.Status.FAILED, e.getMessage()));
        }
      }
    }
    return results;
  }

  /** The first earlier step that provides something this step needs and did not succeed. */
  static Optional<StepResult> blocker(WriteStep step, List<StepResult> earlier) {
    Set<String> needs = step.needs();
    return earlier.stream()
        .filter(r -> !r.succeeded() && r.step().provides().stream().anyMatch(needs::contains))
        .findFirst();
  }

  static boolean isConverged(WriteStep step, CloudCallException e) {
    if (e.alreadyExists()) {
      return true;
    }
    if (step.action() == WriteStep.Action.DETACH_POLICY_IN_GROUP) {
      // Resource Management's "not attached" code is [inferred]; the verification read decides.
      return e.code().startsWith("EntityNotExist.Policy.Attachment");
    }
    return step.action() == WriteStep.Action.DETACH_POLICY_FROM_ROLE && "EntityNotExist.Role.Policy".equals(e.code());
  }

  private void apply(RoleBaseline baseline, WriteStep s) {
    switch (s.action()) {
      case CREATE_POLICY:
        ram.createPolicy(s.policyName(), s.document(), requireCustom(baseline, s.policyName()).description());
        break;
      case CREATE_POLICY_VERSION:
        ram.createDefaultPolicyVersion(s.policyName(), s.document());
        break;
      case SET_DEFAULT_POLICY_VERSION:
        ram.setDefaultPolicyVersion(s.policyName(), s.versionId());
        break;
      case CREATE_ROLE:
        ram.createRole(s.roleName(), s.document(), baseline.description(), baseline.maxSessionDuration());
        break;
      case UPDATE_ROLE:
        ram.updateRoleTrustPolicy(s.roleName(), s.document());
        break;
      case ATTACH_POLICY_TO_ROLE:
        ram.attachPolicyToRole(s.policyType(), s.policyName(), s.roleName());
        break;
      case DETACH_POLICY_FROM_ROLE:
        ram.detachPolicyFromRole(s.policyType(), s.policyName(), s.roleName());
        break;
      case DETACH_POLICY_IN_GROUP:
        resourceManager().detachPolicy(s.policyType(), s.policyName(), s.principalName(), s.resourceGroupId());
        break;
      case CREATE_SERVICE_LINKED_ROLE:
        deletionWait.await(s.roleName());
        resourceManager().createServiceLinkedRole(s.document());
        break;
      default:
        throw new IllegalStateException(s.action().name());
    }
  }

  private ResourceManagerPort resourceManager() {
    if (rm == null) {
      throw new CloudCallException("NotConfigured", "Resource Management is not wired into this executor", false);
    }
    return rm;
  }

  /** The last line of defence: a step must serve this baseline and write only what it pins. */
  static void checkSafe(RoleBaseline baseline, WriteStep s) {
    if (!s.roleName().equals(baseline.name())) {
      throw new UnsafeWriteException("step for role " + s.roleName() + " while restoring " + baseline.name());
    }
    if (baseline.serviceLinked() != (s.action() == WriteStep.Action.CREATE_SERVICE_LINKED_ROLE)) {
      throw new UnsafeWriteException(baseline.serviceLinked()
          ? baseline.name() + " is a service-linked role: only CreateServiceLinkedRole by its service, never " + s.action().apiName()
          : "CreateServiceLinkedRole is only for a service-linked role");
    }
    switch (s.action()) {
      case CREATE_SERVICE_LINKED_ROLE:
        if (!baseline.serviceLinkedService().equals(s.document())) {
          throw new UnsafeWriteException("service " + s.document() + " does not own " + baseline.name());
        }
        break;
      case DETACH_POLICY_IN_GROUP:
        if (!baseline.detachUnexpected()) {
          throw new UnsafeWriteException("detachUnexpected is off for " + baseline.name());
        }
        break;
      case CREATE_POLICY:
      case CREATE_POLICY_VERSION:
        requirePinnedDocument(baseline, s);
        break;
      case SET_DEFAULT_POLICY_VERSION:
        requireCustom(baseline, s.policyName());
        break;
      case CREATE_ROLE:
      case UPDATE_ROLE:
        if (!PolicyDocuments.equivalent(baseline.trustPolicy(), s.document())) {
          throw new UnsafeWriteException("trust policy differs from the baseline");
        }
        break;
      case ATTACH_POLICY_TO_ROLE:
        if (baseline.policies().stream().noneMatch(p -> p.key().equals(PolicyRef.key(s.policyType(), s.policyName())))) {
          throw new UnsafeWriteException(s.policyName() + " is not in the baseline of " + baseline.name());
        }
        break;
      case DETACH_POLICY_FROM_ROLE:
        if (!baseline.detachUnexpected()) {
          throw new UnsafeWriteException("detachUnexpected is off for " + baseline.name());
        }
        break;
      default:
        throw new UnsafeWriteException("unknown action " + s.action());
    }
  }

  private static PolicyRef requireCustom(RoleBaseline baseline, String policyName) {
    return baseline.customPolicy(policyName)
        .orElseThrow(() -> new UnsafeWriteException(policyName + " is not a custom policy pinned by " + baseline.name()));
  }

  private static void requirePinnedDocument(RoleBaseline baseline, WriteStep s) {
    PolicyRef ref = requireCustom(baseline, s.policyName());
    if (ref.type() != PolicyType.CUSTOM || !PolicyDocuments.equivalent(ref.document(), s.document())) {
      throw new UnsafeWriteException("document for " + s.policyName() + " differs from the pinned one");
    }
  }
}
