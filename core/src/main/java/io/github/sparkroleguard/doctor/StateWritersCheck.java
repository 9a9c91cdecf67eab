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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who else can write the guard's memory. The guard ignores objects it did not write (they carry
 * no valid MAC), but whoever can write or delete the state prefix can still make it forget, so
 * the prefix must be writable only by the guard's role. What can be checked from here is checked:
 * a protected role's workspace bucket (every Spark job of that workspace writes it) and the
 * protected roles' pinned policies (what a Spark job running as them may do) must not reach the
 * prefix; neither the bucket's ACL (public-read-write) nor its policy (an Allow for Principal
 * {@code *}) may let anyone write it. Other identities (RAM users and roles of the account with OSS
 * permissions) cannot be read with the guard's permissions: the check says so and how to make sure.
 */
final class StateWritersCheck implements DoctorCheck {
  static final String NAME = "state-writers";
  static final List<String> WRITES = List.of("oss:PutObject", "oss:DeleteObject");
  /** Keys under the prefix the guard keeps (each checked: a grant may name one folder only). */
  static final List<String> KEYS = List.of("last-delivery", "approved/probe", "t/probe", "t/d/probe");
  /**
   * Bucket-level writes that let someone make the guard forget: expire, re-grant, or turn versioning
   * on [doc: OSS "RAM policy overview", bucket-level actions].
   */
  static final List<String> BUCKET_WRITES = List.of("oss:PutBucketLifecycle", "oss:PutBucketPolicy", "oss:PutBucketAcl",
      "oss:PutBucketVersioning");

  private final GuardConfig config;
  private final Optional<StoreProbe> store;
  private final String accountId;

  /**
   * @param store the shared store's probe, for its bucket's ACL and policy; empty when there is no shared store
   * @param accountId the account the bucket belongs to (its policy's resources name it); empty if unknown
   */
  StateWritersCheck(GuardConfig config, Optional<StoreProbe> store, String accountId) {
    this.config = config;
    this.store = store;
    this.accountId = accountId;
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
    String owner = accountId.isEmpty() ? "*" : accountId; // a pinned policy's resources may name the account
    Map<String, List<String>> writes = writes(owner, bucket);
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
          String allowed = allowed(policy, writes);
          if (!allowed.isEmpty()) {
            writers.add(role.name() + " (its policy " + p.name() + " allows " + allowed + ")");
          }
        } catch (PolicyFormatException e) {
          // configuration loading already refused such a document; nothing to add here
        }
      }
    }
    StringBuilder firstFix = new StringBuilder();
    String bucketSays = store.map(s -> readBucket(s, bucket, writers, firstFix)).orElse("the bucket was not read");
    if (!writers.isEmpty()) {
      return List.of(Finding.fail(NAME, where, "the guard's memory is writable by "
          + String.join("; ", writers) + ": forged objects are ignored (and alerted), but deleting them makes the guard forget",
          firstFix + fix));
    }
    return List.of(Finding.warn(NAME, where, "no protected role's pinned policy writes the prefix, " + bucketSays
        + "; whether other identities (RAM users and roles with OSS permissions) can write it cannot be read with the "
        + "guard's permissions", "make sure: " + fix));
  }

  /** What must not be reached: every write action on each kept key, and the bucket-level writes on the bucket. */
  private Map<String, List<String>> writes(String owner, String bucket) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> objects = new ArrayList<>();
    KEYS.forEach(k -> objects.add("acs:oss:*:" + owner + ":" + bucket + "/" + config.state().prefix() + k));
    WRITES.forEach(a -> out.put(a, objects));
    BUCKET_WRITES.forEach(a -> out.put(a, List.of("acs:oss:*:" + owner + ":" + bucket)));
    return out;
  }

  /** The first (action on ARN) the policy allows, even under a condition; empty if none. */
  private static String allowed(Policy policy, Map<String, List<String>> writes) {
    for (Map.Entry<String, List<String>> e : writes.entrySet()) {
      for (String arn : e.getValue()) {
        Decision d = Evaluator.decide(policy, e.getKey(), arn);
        if (d == Decision.ALLOW || d == Decision.CONDITIONAL) {
          return e.getKey() + " on " + arn.substring(arn.lastIndexOf(':') + 1);
        }
      }
    }
    return "";
  }

  /**
   * The bucket's ACL and policy: adds "anyone" to the writers when either lets anyone write the
   * prefix (and the first step of the fix), and returns what they say otherwise.
   */
  private String readBucket(StoreProbe probe, String bucket, List<String> writers, StringBuilder firstFix) {
    String aclSays;
    try {
      String acl = probe.bucketAcl();
      aclSays = "the bucket's ACL is " + acl + (acl.equals(StoreFacts.ACL_PUBLIC_READ)
          ? " (anyone can read the guard's memory: event ids, role names, times; never the secret)" : "");
      if (acl.equals(StoreFacts.ACL_PUBLIC_READ_WRITE)) {
        writers.add("anyone at all, anonymous callers included (the bucket's ACL is " + acl + ")");
        firstFix.append("set the bucket's ACL to private; ");
      }
    } catch (StoreProbe.Failure e) {
      aclSays = "the bucket's ACL could not be read (" + e.getMessage() + ")";
    }
    String policySays;
    try {
      Optional<String> policy = probe.bucketPolicy();
      if (policy.isEmpty()) {
        policySays = "it has no bucket policy";
      } else {
        BucketPolicyWriters w = BucketPolicyWriters.of(policy.get(), writes("*", bucket));
        if (w.anyone) {
          writers.add("anyone at all (the bucket policy allows Principal \"*\" to write the prefix or reconfigure the bucket)");
          firstFix.append("remove the bucket policy's Allow for Principal \"*\"; ");
        }
        policySays = bucketPolicySays(w);
      }
    } catch (StoreProbe.Failure e) {
      policySays = "its bucket policy could not be read (" + e.getMessage() + ")";
    }
    return aclSays + ", " + policySays;
  }

  /** What the bucket policy lets in, for the warning (anyone unconditionally is a failure, said above). */
  private static String bucketPolicySays(BucketPolicyWriters w) {
    List<String> parts = new ArrayList<>();
    if (w.anyoneIf) {
      parts.add("anyone under a condition");
    }
    if (!w.named.isEmpty()) {
      parts.add(String.join(", ", w.named) + (w.namedOmitted > 0 ? " and " + w.namedOmitted + " more" : ""));
    }
    String lets = parts.isEmpty() ? "its bucket policy lets no one write the prefix by an Allow"
        : "its bucket policy lets " + String.join("; ", parts) + " write the prefix (make sure each is the guard's role)";
    return lets + (w.unreadable.isEmpty() ? "" : "; not understood, so check by hand: " + String.join(", ", w.unreadable));
  }
}
