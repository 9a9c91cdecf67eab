package io.github.sparkroleguard.state;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What {@code doctor} proves about the shared store, with the calls the guard itself makes: the
 * bucket keeps no versions (else create-only writes are not), a create-only write under the
 * prefix succeeds, a second one is refused (409 FileAlreadyExists) and leaves the first content,
 * a list under the prefix finds the object, and a delete removes it. The probe object lives under
 * the transient prefix ({@code <prefix>t/doctor/}), so the lifecycle rule expires it should the
 * delete fail.
 */
public final class OssProbe implements StoreProbe {
  private final OssClient oss;
  private final String probes;

  /** @param transientPrefix where transient keys go ({@code <prefix>t/}); the probe object goes under it */
  public OssProbe(OssClient oss, String transientPrefix) {
    this.oss = oss;
    this.probes = transientPrefix + "doctor/";
  }

  /**
   * Runs every step, and returns what was proven.
   *
   * @throws Failure at the first step that fails (a store error included)
   */
  @Override
  public String bucketAcl() {
    return step(oss::acl, "GetBucketAcl", StoreFacts.ACL_PERMISSION + " on the bucket");
  }

  @Override
  public java.util.Optional<String> bucketPolicy() {
    return step(oss::bucketPolicy, "GetBucketPolicy", StoreFacts.POLICY_PERMISSION + " on the bucket");
  }

  @Override
  public String run(Instant now) {
    String status = step(oss::versioning, "GetBucketVersioning", StoreFacts.VERSIONING + " on the bucket");
    if (!status.isEmpty()) {
      throw new Failure("the bucket has versioning " + status + ": OSS ignores " + StoreFacts.CREATE_ONLY_HEADER
          + " there, so the guard's create-only writes are not (it uses per-instance memory instead)",
          "use a bucket that never had versioning (it cannot be turned off once on), e.g. a new dedicated bucket");
    }
    String key = probes + now.toEpochMilli() + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    String body = "doctor probe " + now;
    boolean created = step(() -> oss.put(key, body, true), "create-only PutObject", "oss:PutObject on the prefix");
    if (!created) {
      throw new Failure("a create-only write of the new object " + key + " was refused as if it existed", "run doctor again");
    }
    boolean second = step(() -> oss.put(key, "overwritten", true), "second create-only PutObject", "oss:PutObject on the prefix");
    String kept = step(() -> oss.get(key).orElse(""), "GetObject", "oss:GetObject on the prefix");
    if (second || !kept.equals(body)) {
      throw new Failure("a second create-only write of " + key + " was accepted: the store cannot tell the first instance "
          + "from the second", "use a bucket without versioning, reached directly (no proxy that drops "
          + StoreFacts.CREATE_ONLY_HEADER + ")");
    }
    List<String> listed = step(() -> oss.list(probes, "", 1000), "ListObjects", StoreFacts.LIST_PERMISSION
        + " on the bucket");
    if (!listed.contains(key)) {
      throw new Failure("ListObjects under " + probes + " did not return " + key, "check state.prefix and the bucket");
    }
    step(() -> {
      oss.delete(key);
      return true;
    }, "DeleteObject", "oss:DeleteObject on the prefix");
    return "versioning off; under " + probes + ": a create-only write, a second one refused (409 "
        + StoreFacts.ALREADY_EXISTS + "), a list and a delete all proven";
  }

  private static <T> T step(java.util.function.Supplier<T> call, String what, String permission) {
    try {
      return call.get();
    } catch (StateException e) {
      throw new Failure(what + " failed: " + e.getMessage(), "check state.bucket, state.region and state.endpoint, and that "
          + "the function's policy grants " + permission + " (function-policy prints every permission the store needs)");
    }
  }
}
