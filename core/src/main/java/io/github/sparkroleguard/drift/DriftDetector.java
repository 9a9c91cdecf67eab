package io.github.sparkroleguard.drift;

import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.policy.PolicyDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares a baseline with a live snapshot and returns the differences. Pure: no SDK, no I/O, no
 * clock. Documents are compared in canonical form, so reformatting is not drift.
 */
public final class DriftDetector {
  private DriftDetector() {}

  public static List<DriftItem> compare(RoleBaseline baseline, RoleState live) {
    if (baseline.serviceLinked()) {
      return serviceLinked(live);
    }
    List<DriftItem> items = new ArrayList<>();
    if (!live.exists()) {
      items.add(DriftItem.roleMissing());
    } else if (!PolicyDocuments.matches(baseline.trustPolicy(), live.trustPolicy())) {
      items.add(DriftItem.trustChanged(baseline.trustPolicy(), live.trustPolicy()));
    }
    for (PolicyRef p : baseline.policies()) {
      if (!p.pinsDocument()) {
        continue;
      }
      PolicyState state = live.customPolicy(p.name())
          .orElseThrow(() -> new IllegalArgumentException("live state lacks custom policy " + p.name()));
      if (!state.exists()) {
        items.add(DriftItem.policyMissing(p.name()));
      } else if (!PolicyDocuments.matches(p.document(), state.defaultDocument())) {
        items.add(DriftItem.documentChanged(p.name(), p.document(), state.defaultDocument()));
      }
    }
    Set<String> attached = live.attached().stream().map(AttachedPolicy::key).collect(Collectors.toSet());
    Set<String> expected = baseline.policies().stream().map(PolicyRef::key).collect(Collectors.toSet());
    live.scoped().forEach(a -> attached.add(a.key()));
    boolean groupsRead = live.scopedReadError().isEmpty();
    for (PolicyRef p : baseline.policies()) {
      if (!p.resourceGroupId().isEmpty()) {
        if (groupsRead && live.exists() && !attached.contains(p.key())) {
          items.add(DriftItem.notAttachedInGroup(p.type(), p.name(), p.resourceGroupId()));
        }
      } else if (!attached.contains(p.key())) {
        items.add(DriftItem.notAttached(p.type(), p.name()));
      }
    }
    for (AttachedPolicy a : live.attached()) {
      if (!expected.contains(a.key())) {
        items.add(DriftItem.unexpected(a));
      }
    }
    for (AttachedPolicy a : live.scoped()) {
      if (!expected.contains(a.key())) {
        items.add(DriftItem.unexpected(a));
      }
    }
    return List.copyOf(items);
  }

  /** A service-linked role: it exists, is service-linked, and no deletion is running. Its trust and policy are the service's. */
  private static List<DriftItem> serviceLinked(RoleState live) {
    if (!live.exists()) {
      return List.of(DriftItem.roleMissing());
    }
    if (!live.deletionTaskId().isEmpty()) {
      return List.of(DriftItem.inDeletion(live.deletionTaskId()));
    }
    return live.isServiceLinked() ? List.of() : List.of(DriftItem.notServiceLinked());
  }

}
