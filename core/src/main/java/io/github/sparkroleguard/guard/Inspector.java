package io.github.sparkroleguard.guard;

import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.drift.AttachedPolicy;
import io.github.sparkroleguard.drift.PolicyState;
import io.github.sparkroleguard.drift.PolicyVersion;
import io.github.sparkroleguard.drift.RoleState;
import io.github.sparkroleguard.event.RolePrincipal;
import io.github.sparkroleguard.policy.PolicyDocuments;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.ram.RamPort;
import io.github.sparkroleguard.ram.RamRole;
import io.github.sparkroleguard.rm.PolicyAttachment;
import io.github.sparkroleguard.rm.ResourceManagerPort;
import io.github.sparkroleguard.state.FlapRule;
import io.github.sparkroleguard.state.GuardState;
import io.github.sparkroleguard.state.MemoryState;
import io.github.sparkroleguard.state.Pause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The "observe" step: every read for a role goes out in one round (one round trip of latency):
 * RAM's GetRole, ListPoliciesForRole and GetPolicy of each pinned custom policy, Resource
 * Management's ListPolicyAttachments (or its GetRole for a service-linked role), and the shared
 * state's "restores paused?" when asked for. Only what depends on an answer comes later: the
 * version list when a pinned document differs, the documents of unexpected grants.
 *
 * <p>The account id (for the role's PrincipalName) is known once per instance: FC's
 * {@code FC_ACCOUNT_ID}, else the ARN of the first role RAM returns; never read per role. Until it
 * is known, the grants are listed right after GetRole answers (a second round, once).
 */
public final class Inspector {
  private final RamPort ram;
  private final ResourceManagerPort rm;
  private final Executor reads;
  private final ResourceManagerReads resourceManager;
  private final GuardState state;
  private final AtomicReference<String> learnedAccount = new AtomicReference<>("");

  public Inspector(RamPort ram, Executor reads) {
    this(ram, null, new MemoryState(), reads);
  }

  /**
   * @param rm Resource Management, for service-linked roles and resource-group grants; null: RAM only
   * @param state where "restores paused?" is read
   */
  public Inspector(RamPort ram, ResourceManagerPort rm, GuardState state, Executor reads) {
    this.ram = ram;
    this.rm = rm;
    this.reads = reads;
    this.state = state;
    this.resourceManager = rm == null ? null : new ResourceManagerReads(ram, rm);
  }

  public RoleState read(RoleBaseline baseline) {
    return read(baseline, "");
  }

  /** The live state (the verifying re-read): one round. @param accountId empty if unknown */
  public RoleState read(RoleBaseline baseline, String accountId) {
    return observe(baseline, accountId, null, null).live();
  }

  /**
   * One round of reads for the role; with {@code pausedAt}, whether its restores are paused then.
   *
   * @param accountId the account, empty if unknown (then learned from GetRole's ARN)
   * @param pausedAt when to ask the state whether restores are paused; null: not asked
   * @param flapping the rule a stored pause is held to (it never outlasts the cool-down)
   */
  Observation observe(RoleBaseline baseline, String accountId, Instant pausedAt, FlapRule flapping) {
    CompletableFuture<Optional<Pause>> paused = pausedAt == null ? null
        : async(() -> state.restoresPaused(baseline.name(), pausedAt, flapping));
    RoleState live = resourceManager != null && baseline.serviceLinked()
        ? resourceManager.serviceLinked(baseline)
        : readRole(baseline, account(accountId));
    return paused == null ? Observation.of(live) : Observation.of(live, join(paused));
  }

  private String account(String given) {
    return given != null && !given.isEmpty() ? given : learnedAccount.get();
  }

  private RoleState readRole(RoleBaseline baseline, String account) {
    CompletableFuture<Optional<RamRole>> role = async(() -> ram.getRole(baseline.name()));
    CompletableFuture<List<AttachedPolicy>> attached = async(() -> noneIfRoleMissing(() -> ram.listPoliciesForRole(baseline.name())));
    List<CompletableFuture<PolicyState>> custom = new ArrayList<>();
    for (PolicyRef p : baseline.policies()) {
      if (p.pinsDocument()) {
        custom.add(async(() -> readPolicy(p)));
      }
    }
    CompletableFuture<List<PolicyAttachment>> grants = resourceManager == null || account.isEmpty() ? null
        : async(() -> noneIfRoleMissing(() -> rm.listPolicyAttachments(RolePrincipal.of(baseline.name(), account))));
    Optional<RamRole> live = join(role);
    List<AttachedPolicy> liveAttached = join(attached);
    List<PolicyState> policies = new ArrayList<>();
    custom.forEach(f -> policies.add(join(f)));
    if (live.isEmpty()) {
      if (grants != null) {
        grants.exceptionally(e -> List.of()).join(); // the role is missing, its grants with it: the round ends here
      }
      return RoleState.missing(baseline.name(), policies);
    }
    RoleState ramView = RoleState.present(baseline.name(), live.get().trustPolicy(), liveAttached, policies);
    if (resourceManager == null) {
      return ramView;
    }
    String known = account;
    if (known.isEmpty()) {
      learnedAccount.compareAndSet("", live.get().accountId());
      known = learnedAccount.get();
    }
    Supplier<List<PolicyAttachment>> listed = grants == null ? null : () -> join(grants);
    return resourceManager.withGrants(baseline, ramView, known, listed);
  }

  /**
   * A listing of the role's attachments that found no role: none. The reads of one round run side by
   * side, so another instance may re-create the role between them; GetRole's answer decides whether
   * the role is there, and an attachment missed this way is drift the next read sees.
   */
  private static <T> List<T> noneIfRoleMissing(Supplier<List<T>> listing) {
    try {
      return listing.get();
    } catch (CloudCallException e) {
      if ("EntityNotExist.Role".equals(e.code())) {
        return List.of();
      }
      throw e;
    }
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

  private <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, reads);
  }

  /** Waits for a read; a RAM failure comes out as the CloudCallException it was. */
  static <T> T join(CompletableFuture<T> f) {
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
