package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.config.Workspace;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.policy.Coverage;
import io.github.sparkroleguard.policy.PolicyFormatException;
import io.github.sparkroleguard.policy.SparkNeeds;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.report.CoverageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the coverage check needs (the live system policy, the documents of every policy
 * attached to a custom role) and tells what the role lacks, as a typed result.
 */
final class CoverageCheck {
  private final RamPort ram;

  CoverageCheck(RamPort ram) {
    this.ram = ram;
  }

  /** Custom execution roles only: the default role carries the system policy itself. */
  static boolean applies(RoleBaseline b) {
    return !b.serviceLinked() && b.policies().stream().noneMatch(p -> p.name().equalsIgnoreCase(Defaults.DEFAULT_ROLE_POLICY));
  }

  /**
   * Uses the documents the inspection already read; reads only the other attached policies.
   * A failed read is part of the result (the next scan tries again), never an exception.
   */
  CoverageResult check(RoleBaseline baseline, RoleState live) {
    List<String> documents = new ArrayList<>();
    String system;
    try {
      for (AttachedPolicy p : live.attached()) {
        Optional<PolicyState> known = p.type() == PolicyType.CUSTOM ? live.customPolicy(p.name()) : Optional.empty();
        if (known.isPresent() && known.get().exists()) {
          documents.add(known.get().defaultDocument());
        } else {
          ram.getDefaultPolicyVersion(p.type(), p.name()).map(PolicyVersion::document).ifPresent(documents::add);
        }
      }
      system = ram.getDefaultPolicyVersion(PolicyType.SYSTEM, Defaults.DEFAULT_ROLE_POLICY)
          .map(PolicyVersion::document).orElse(null);
    } catch (CloudCallException e) {
      return CoverageResult.failed(e.getMessage());
    }
    try {
      Workspace w = baseline.workspace();
      return CoverageResult.of(Coverage.of(system, documents,
          w == null ? List.of() : SparkNeeds.of(w.bucket(), w.prefix(), w.dlf(), w.maxCompute(), w.kms())), system != null);
    } catch (PolicyFormatException e) {
      return CoverageResult.unreadable("a policy of the role cannot be read: " + e.getMessage());
    }
  }
}
