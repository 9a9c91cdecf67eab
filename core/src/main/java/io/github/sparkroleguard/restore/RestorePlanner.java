package io.github.sparkroleguard.restore;

import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.DriftItem;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.policy.PolicyDocuments;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * From drift to the minimal ordered RAM writes that reach the baseline. Pure. Order: by
 * {@link Phase}, first what narrows (detach unexpected policies, pinned trust, pinned documents),
 * then what restores (create policies, the role, attachments). Every document written is the
 * pinned one; system policies are only attached.
 */
public final class RestorePlanner {
  private RestorePlanner() {}

  public static RestorePlan plan(RoleBaseline baseline, RoleState live, List<DriftItem> drift) {
    List<WriteStep> steps = new ArrayList<>();
    List<DriftItem> alertOnly = new ArrayList<>();
    String name = baseline.name();
    if (baseline.serviceLinked()) {
      return serviceLinked(baseline, drift);
    }
    for (DriftItem item : drift) {
      switch (item.kind()) {
        case POLICY_MISSING:
          steps.add(WriteStep.createPolicy(name, item.policyName(), pinned(baseline, item).document()));
          break;
        case POLICY_DOCUMENT_CHANGED:
          steps.add(restoreDocument(name, pinned(baseline, item), live));
          break;
        case ROLE_MISSING:
          steps.add(WriteStep.createRole(name, baseline.trustPolicy()));
          break;
        case TRUST_POLICY_CHANGED:
          steps.add(WriteStep.updateRole(name, baseline.trustPolicy()));
          break;
        case POLICY_NOT_ATTACHED:
          if (!item.resourceGroupId().isEmpty()) {
            alertOnly.add(item); // a pinned grant in a resource group is reported, not re-attached
            break;
          }
          steps.add(WriteStep.attach(name, item.policyType(), item.policyName()));
          break;
        case UNEXPECTED_POLICY_ATTACHED:
          if (baseline.detachUnexpected() && !item.resourceGroupId().isEmpty()) {
            steps.add(WriteStep.detachInGroup(name, item.policyType(), item.policyName(), item.resourceGroupId(),
                live.principalName()));
          } else if (baseline.detachUnexpected()) {
            steps.add(WriteStep.detach(name, item.policyType(), item.policyName()));
          } else {
            alertOnly.add(item);
          }
          break;
        default:
          throw new IllegalStateException("unplanned drift kind " + item.kind());
      }
    }
    steps.sort(Comparator.comparing(s -> s.action().phase())); // stable: drift order within a phase
    return new RestorePlan(steps, alertOnly);
  }

  /**
   * A service-linked role is only ever re-created, by its service: CreateServiceLinkedRole (after
   * any running deletion ends). Never CreateRole, UpdateRole or an attach: the service owns its
   * trust and policy. A role that merely holds the name is left to people.
   */
  private static RestorePlan serviceLinked(RoleBaseline baseline, List<DriftItem> drift) {
    List<WriteStep> steps = new ArrayList<>();
    List<DriftItem> alertOnly = new ArrayList<>();
    for (DriftItem item : drift) {
      if (item.kind() == DriftItem.Kind.ROLE_MISSING || item.kind() == DriftItem.Kind.SERVICE_LINKED_ROLE_IN_DELETION) {
        steps.add(WriteStep.createServiceLinkedRole(baseline.name(), baseline.serviceLinkedService()));
      } else {
        alertOnly.add(item);
      }
    }
    return new RestorePlan(steps, alertOnly);
  }

  private static PolicyRef pinned(RoleBaseline baseline, DriftItem item) {
    return baseline.customPolicy(item.policyName())
        .orElseThrow(() -> new IllegalStateException("drift on unpinned policy " + item.policyName()));
  }

  /** Reuse a version that already holds the pinned document; else write a new default version. */
  private static WriteStep restoreDocument(String role, PolicyRef pinned, RoleState live) {
    Optional<PolicyVersion> existing = live.customPolicy(pinned.name())
        .map(PolicyState::versions)
        .orElse(List.of())
        .stream()
        .filter(v -> !v.isDefault() && PolicyDocuments.matches(pinned.document(), v.document()))
        .findFirst();
    return existing
        .map(v -> WriteStep.setDefaultVersion(role, pinned.name(), v.versionId()))
        .orElseGet(() -> WriteStep.createPolicyVersion(role, pinned.name(), pinned.document()));
  }
}
