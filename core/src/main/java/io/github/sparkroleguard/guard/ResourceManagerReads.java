package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.RolePrincipal;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.policy.Evaluator;
import io.github.sparkroleguard.policy.Policy;
import io.github.sparkroleguard.policy.PolicyFormatException;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.rm.PolicyAttachment;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.rm.RmRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What only Resource Management can tell about a protected role: whether the service-linked role
 * exists, is service-linked and is being deleted; and the role's grants in resource groups, which
 * RAM's ListPoliciesForRole may not show. A refused ListPolicyAttachments is recorded in the
 * state (said in the result, alerted once per re-alert window), never thrown.
 */
final class ResourceManagerReads {
  private final RamPort ram;
  private final ResourceManagerPort rm;

  ResourceManagerReads(RamPort ram, ResourceManagerPort rm) {
    this.ram = ram;
    this.rm = rm;
  }

  /** A service-linked role, read through Resource Management's GetRole. */
  RoleState serviceLinked(RoleBaseline baseline) {
    Optional<RmRole> role = rm.getRole(baseline.name());
    if (role.isEmpty()) {
      return RoleState.missing(baseline.name(), List.of());
    }
    String task = role.get().latestDeletionTaskId();
    String pending = !task.isEmpty() && rm.getServiceLinkedRoleDeletionStatus(task).pending() ? task : "";
    return RoleState.serviceLinked(baseline.name(), role.get().serviceLinked(), pending);
  }

  /**
   * The state with every grant ListPolicyAttachments reports, each admin grant marked.
   *
   * @param listed the listing already under way in the read round; null: listed now
   */
  RoleState withGrants(RoleBaseline baseline, RoleState state, String accountId,
      java.util.function.Supplier<List<PolicyAttachment>> listed) {
    if (!state.exists()) {
      return state;
    }
    String principal;
    List<PolicyAttachment> all;
    try {
      principal = principalName(baseline.name(), accountId);
      all = listed != null ? listed.get() : rm.listPolicyAttachments(principal);
    } catch (CloudCallException e) {
      if (refused(e)) {
        return state.withResourceManager("", List.of(), List.of(), e.code() + ": the guard may not call Resource Management "
            + "(ListPolicyAttachments): grants in resource groups were not checked");
      }
      throw e;
    }
    List<AttachedPolicy> accountWide = new ArrayList<>();
    List<AttachedPolicy> inGroups = new ArrayList<>();
    for (PolicyAttachment a : all) {
      if (accountWide(a.resourceGroupId(), accountId)) {
        accountWide.add(new AttachedPolicy(a.policyType(), a.policyName()));
      } else {
        inGroups.add(new AttachedPolicy(a.policyType(), a.policyName(), a.resourceGroupId(), false));
      }
    }
    RoleState merged = state.withResourceManager(principal, accountWide, inGroups, "");
    return merged.markAllowsEverything(adminGrants(baseline, merged));
  }

  /** Keys of the attachments beyond the baseline whose policy allows * on * (by the evaluator). */
  private Set<String> adminGrants(RoleBaseline baseline, RoleState state) {
    Set<String> expected = new HashSet<>();
    baseline.policies().forEach(p -> expected.add(p.key()));
    Set<String> out = new HashSet<>();
    List<AttachedPolicy> extra = new ArrayList<>(state.attached());
    extra.addAll(state.scoped());
    for (AttachedPolicy a : extra) {
      if (expected.contains(a.key())) {
        continue;
      }
      Optional<PolicyVersion> v = ram.getDefaultPolicyVersion(a.type(), a.name());
      if (v.isPresent() && allowsEverything(v.get().document())) {
        out.add(a.key());
      }
    }
    return out;
  }

  static boolean allowsEverything(String document) {
    try {
      return Evaluator.decide(Policy.parse(document), "*", "*") == Decision.ALLOW;
    } catch (PolicyFormatException e) {
      return false;
    }
  }

  /** The role's PrincipalName: with the account id when known [inferred], else as GetRole reports it. */
  private String principalName(String roleName, String accountId) {
    if (accountId != null && !accountId.isEmpty()) {
      return RolePrincipal.of(roleName, accountId);
    }
    return rm.getRole(roleName).map(RmRole::principalName).filter(p -> !p.isEmpty())
        .orElseThrow(() -> new CloudCallException("UnexpectedResponse", "Resource Management GetRole gave no RolePrincipalName for "
            + roleName, false));
  }

  /**
   * The scope of an account-wide grant: the account id [doc]. Without a known account id, a
   * numeric id is taken for the account's and anything else (rg-...) for a resource group [inferred].
   */
  static boolean accountWide(String resourceGroupId, String accountId) {
    if (accountId != null && !accountId.isEmpty()) {
      return resourceGroupId.isEmpty() || resourceGroupId.equals(accountId);
    }
    return resourceGroupId.isEmpty() || resourceGroupId.chars().allMatch(Character::isDigit);
  }

  /** The guard's role may not call it: said and alerted, never a failed invocation [inferred codes]. */
  static boolean refused(CloudCallException e) {
    return !e.retryable() && (e.code().startsWith("NoPermission") || e.code().startsWith("Forbidden"));
  }
}
