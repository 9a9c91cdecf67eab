package io.github.sparkroleguard.doctor;

import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.config.PolicyRef;
import io.github.sparkroleguard.config.RoleBaseline;
import io.github.sparkroleguard.policy.Decision;
import io.github.sparkroleguard.policy.Evaluator;
import io.github.sparkroleguard.policy.Policy;
import io.github.sparkroleguard.policy.PolicyFormatException;
import io.github.sparkroleguard.state.StoreFacts;
import io.github.sparkroleguard.state.StoreProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who else can write the guard's memory. The guard ignores objects it did not write (they carry
 * no valid MAC), but whoever can write or delete the state prefix can still make it forget, so
 * the prefix must be writable only by the guard's role. What can be checked from here is checked:
 * a protected role's workspace bucket (every Spark job of that workspace writes it) and the
 * protected roles' pinned policies (what a Spark job running as them may do) must not reach the
 * prefix; and the bucket's ACL must not be public-read-write (anyone, anonymous included, could
 * write). The bucket policy and other identities cannot be read with the guard's permissions: the
 * check says so and how to make sure.
 */
final class StateWritersCheck implements DoctorCheck {
  static final String NAME = "state-writers";
  static final List<String> WRITES = List.of("oss:PutObject", "oss:DeleteObject");

  private final GuardConfig config;
  private final Optional<StoreProbe> store;

  /** @param store the shared store's probe, for its bucket's ACL; empty when there is no shared store */
  StateWritersCheck(GuardConfig config, Optional<StoreProbe> store) {
    this.config = config;
    this.store = store;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Finding> run() {
    if (!config.state().oss()) {
      return List.of(Finding.pass(NAME, "memory", "no shared store: nothing outside the instance steers the guard"));
    }
    String bucket = config.state().bucket();
    String where = "oss://" + bucket + "/" + config.state().prefix();
    String probe = "acs:oss:*:*:" + bucket + "/" + config.state().prefix() + "t/probe";
    String fix = "use a dedicated bucket for the guard's state, or a bucket policy that denies oss:PutObject and "
        + "oss:DeleteObject on " + bucket + "/" + config.state().prefix() + "* to every principal but the function's role "
        + "(README, \"Shared state\")";
    List<String> writers = new ArrayList<>();
    for (RoleBaseline role : config.roles()) {
      if (role.workspace() != null && role.workspace().bucket().equals(bucket)) {
        writers.add(role.name() + " (its workspace's bucket: every Spark job of the workspace writes it)");
        continue;
      }
      for (PolicyRef p : role.policies()) {
        if (!p.pinsDocument()) {
          continue;
        }
        try {
          Policy policy = Policy.parse(p.document());
          for (String action : WRITES) {
            Decision d = Evaluator.decide(policy, action, probe);
            if (d == Decision.ALLOW || d == Decision.CONDITIONAL) {
              writers.add(role.name() + " (its policy " + p.name() + " allows " + action + " on the prefix)");
              break;
            }
          }
        } catch (PolicyFormatException e) {
          // configuration loading already refused such a document; nothing to add here
        }
      }
    }
    String acl = "";
    String aclUnread = "";
    if (store.isPresent()) {
      try {
        acl = store.get().bucketAcl();
      } catch (StoreProbe.Failure e) {
        aclUnread = e.getMessage();
      }
    }
    if (StoreFacts.ACL_PUBLIC_READ_WRITE.equals(acl)) {
      writers.add("anyone at all, anonymous callers included (the bucket's ACL is " + acl + ")");
    }
    if (!writers.isEmpty()) {
      return List.of(Finding.fail(NAME, where, "the guard's memory is writable by "
          + String.join("; ", writers) + ": forged objects are ignored (and alerted), but deleting them makes the guard forget",
          (acl.equals(StoreFacts.ACL_PUBLIC_READ_WRITE) ? "set the bucket's ACL to private; " : "") + fix));
    }
    String aclSays = acl.isEmpty()
        ? "the bucket's ACL could not be read (" + aclUnread + ")"
        : "the bucket's ACL is " + acl + (acl.equals(StoreFacts.ACL_PUBLIC_READ)
            ? " (anyone can read the guard's memory: event ids, role names, times; never the secret)" : "");
    return List.of(Finding.warn(NAME, where, "no protected role's pinned policy writes the prefix, and " + aclSays
        + "; whether other identities or the bucket policy let anyone else write it cannot be read with the guard's "
        + "permissions", "make sure: " + fix));
  }
}
