package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.policy.PolicyDocuments;
import io.github.sparkroleguard.ram.RamException;
import io.github.sparkroleguard.ram.RamPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads the live state of a protected role: GetRole, ListPoliciesForRole and GetPolicy for each
 * pinned custom policy, all at once (one round trip of latency); the version list only when a
 * restore could need it.
 */
public final class Inspector {
  private final RamPort ram;
  private final Executor reads;
  private final ResourceManagerReads resourceManager;

  public Inspector(RamPort ram, Executor reads) {
    this(ram, null, reads);
  }

  /** @param rm Resource Management, for service-linked roles and resource-group grants; null: RAM only */
  public Inspector(RamPort ram, io.github.sparkroleguard.rm.ResourceManagerPort rm, Executor reads) {
    this.ram = ram;
    this.reads = reads;
    this.resourceManager = rm == null ? null : new ResourceManagerReads(ram, rm);
  }

  public RoleState read(RoleBaseline baseline) {
    return read(baseline, "");
  }

  /**
   * The live state, with Resource Management's view when it is wired: a service-linked role is
   * read only there; other roles also get their grants in resource groups.
   *
   * @param accountId the account (for the role's PrincipalName); empty if unknown
   */
  public RoleState read(RoleBaseline baseline, String accountId) {
    if (resourceManager != null && baseline.serviceLinked()) {
      return resourceManager.serviceLinked(baseline);
    }
    RoleState ram = readRam(baseline);
    return resourceManager == null ? ram : resourceManager.withGrants(baseline, ram, accountId);
  }

  private RoleState readRam(RoleBaseline baseline) {
    CompletableFuture<Optional<String>> trust = async(() -> ram.getRoleTrustPolicy(baseline.name()));
    CompletableFuture<List<AttachedPolicy>> attached = async(() -> {
      try {
        return ram.listPoliciesForRole(baseline.name());
      } catch (RamException e) {
        if ("EntityNotExist.Role".equals(e.code())) {
          return List.of(); // the role is missing: GetRole says so
        }
        throw e;
      }
    });
    List<CompletableFuture<PolicyState>> custom = new ArrayList<>();
    for (PolicyRef p : baseline.policies()) {
      if (p.pinsDocument()) {
        custom.add(async(() -> readPolicy(p)));
      }
    }
    Optional<String> liveTrust = join(trust);
    List<AttachedPolicy> liveAttached = join(attached);
    List<PolicyState> policies = new ArrayList<>();
    custom.forEach(f -> policies.add(join(f)));
    if (liveTrust.isEmpty()) {
      return RoleState.missing(baseline.name(), policies);
    }
    return RoleState.present(baseline.name(), liveTrust.get(), liveAttached, policies);
  }

  private PolicyState readPolicy(PolicyRef p) {
    Optional<PolicyVersion> current = ram.getDefaultPolicyVersion(PolicyType.CUSTOM, p.name());
    if (current.isEmpty()) {
      return PolicyState.missing(p.name());
    }
    PolicyVersion v = current.get();
    List<PolicyVersion> versions = PolicyDocuments.matches(p.document(), v.document()) ? List.of() : ram.listPolicyVersions(p.name());
    return PolicyState.present(p.name(), v.versionId(), v.document(), versions);
  }

  private <T> CompletableFuture<T> async(java.util.function.Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, reads);
  }

  /** Waits for a read; a RAM failure comes out as the RamException it was. */
  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }
}
