package io.github.sparkroleguard.state;

import java.time.Duration;
import java.util.List;

/**
 * Every fact about OSS and ActionTrail the shared memory relies on, in one place. [doc] ones were
 * checked against Alibaba Cloud's documentation (cited); [inferred] ones could not be checked
 * without an account: change them here, and {@code doctor} and the README say how to confirm.
 */
public final class StoreFacts {
  private StoreFacts() {}

  /** The RAM actions on the shared store's objects under its prefix (OSS's RAM policy action list [doc]). */
  public static final List<String> OBJECT_PERMISSIONS = List.of("oss:PutObject", "oss:GetObject", "oss:DeleteObject");
  /** GetBucket (ListObjects), on the bucket: used to count a role's recent restores. */
  public static final String LIST_PERMISSION = "oss:ListObjects";

  /**
   * [doc] PutObject with {@code x-oss-forbid-overwrite: true} never overwrites: an existing
   * object gives HTTP 409 {@code FileAlreadyExists} (OSS error 0026-00000201). OSS has no
   * compare-and-swap on PutObject, so every "only once" is a create-only key.
   */
  public static final String CREATE_ONLY_HEADER = "x-oss-forbid-overwrite";
  public static final String ALREADY_EXISTS = "FileAlreadyExists";

  /**
   * [inferred] A claim not marked done within this long belongs to an invocation that died (FC
   * timed it out or reclaimed the instance); it may be taken over. Longer than the function's
   * 120 s timeout in s.yaml, shorter than FC's async retry schedule is long.
   */
  public static final Duration CLAIM_STALE = Duration.ofMinutes(10);

  /**
   * Keys under {@code <prefix>t/} are transient; the one-time setup adds a lifecycle rule that
   * expires them after this many days [doc: OSS lifecycle rules expire objects by prefix and
   * last-modified days]. Longer than the longest re-alert window (realertMinutes up to 7 days).
   */
  public static final int LIFECYCLE_DAYS = 8;

  /**
   * [doc] PutObject (API reference, request headers): "when the bucket has versioning enabled or
   * suspended, the x-oss-forbid-overwrite header does not take effect, i.e. an object of the same
   * name may be overwritten" (likewise CopyObject, PostObject, CompleteMultipartUpload). Versioning,
   * once enabled, can only be suspended, never turned off (OSS "bucket-versioning"). So a bucket
   * whose GetBucketVersioning answers a Status (Enabled or Suspended) is refused: the client asks
   * before its first create-only write, {@code doctor} says so.
   */
  public static final String VERSIONING = "oss:GetBucketVersioning";

  /**
   * [doc] OSS GetBucketAcl ({@code GET /?acl}, permission {@code oss:GetBucketAcl}): the answer's
   * {@code AccessControlPolicy/AccessControlList/Grant} is one of {@link #ACLS}; with
   * {@code public-read-write} "all users have read and write permissions on objects in the bucket",
   * anonymous ones included. {@code doctor} reads it (state-writers); the guard never does.
   */
  public static final String ACL_PERMISSION = "oss:GetBucketAcl";
  public static final String ACL_PRIVATE = "private";
  public static final String ACL_PUBLIC_READ = "public-read";
  public static final String ACL_PUBLIC_READ_WRITE = "public-read-write";
  public static final List<String> ACLS = List.of(ACL_PRIVATE, ACL_PUBLIC_READ, ACL_PUBLIC_READ_WRITE);

  /**
   * [doc] OSS GetBucketPolicy ({@code GET /?policy}, permission {@code oss:GetBucketPolicy}): the
   * policy as JSON ({@code Version}, {@code Statement[]} of {@code Effect}, {@code Action},
   * {@code Principal} (account or user ids, or {@code *} for anyone), {@code Resource} of the form
   * {@code acs:oss:*:<account id>:<bucket>/<key pattern>}); 404 {@code NoSuchBucketPolicy} when the
   * bucket has none. {@code doctor} reads it (state-writers); the guard never does.
   */
  public static final String POLICY_PERMISSION = "oss:GetBucketPolicy";
  public static final String NO_POLICY = "NoSuchBucketPolicy";

  /**
   * [doc] OSS "Guidelines for upgrading V1 signatures to V4 signatures": from 2025-03-01 V1 is not
   * available to new accounts, from 2025-09-01 not to new buckets. The store signs with V4
   * ({@link OssSigner}), whose scope names the BUCKET's region id (cn-hangzhou, not oss-cn-hangzhou).
   */
  public static final String SIGNATURE = "OSS4-HMAC-SHA256";

  /**
   * [doc] OSS "Regions and endpoints" / "OSS domain names": the internal endpoint
   * {@code oss-<region>-internal.aliyuncs.com} serves Alibaba Cloud services in the bucket's own
   * region only; from another region (and from outside Alibaba Cloud) the public endpoint
   * {@code oss-<region>.aliyuncs.com} is the one to use. [doc] FC sets {@code FC_REGION} to the
   * region the function runs in (FC "Configure environment variables"). So: internal when FC_REGION
   * is the bucket's region, public (HTTPS) otherwise; {@code state.endpoint} overrides both.
   * [inferred] A bucket policy that admits only VPC traffic would refuse the public endpoint:
   * {@code doctor} run in each function shows it.
   */
  public static String endpointFor(String bucketRegion, String functionRegion) {
    return bucketRegion.equals(functionRegion) ? "oss-" + bucketRegion + "-internal.aliyuncs.com"
        : "oss-" + bucketRegion + ".aliyuncs.com";
  }

  /**
   * Stored times may run this far ahead of this instance's clock (instances' clocks differ a
   * little); a time further ahead was not written by a guard and is ignored.
   */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** Connect timeout of one store call, and the longest wait between two bytes of its answer. */
  public static final int TIMEOUT_MILLIS = 2000;

  /**
   * The longest one store call may take in all, answer included: a server that trickles bytes is
   * cut here. The first failed call puts the invocation on per-instance memory, so a dead or slow
   * store costs an invocation at most one deadline (well inside the function's 120 s timeout).
   */
  public static final int DEADLINE_MILLIS = 3000;

  /**
   * [doc] ActionTrail makes an event queryable about 10 minutes after it happened (PLATFORM.md
   * section 3); the deafness check only looks at events older than this.
   */
  public static final Duration TRAIL_INDEXING_DELAY = Duration.ofMinutes(15);

  /** The deafness check looks back this far by default (6 timer scans). */
  public static final Duration DEAFNESS_WINDOW = Duration.ofMinutes(60);

  /** At most this many ActionTrail events are checked per scan, and this many pages read per service. */
  public static final int DEAFNESS_MAX_EVENTS = 50;
  public static final int DEAFNESS_MAX_PAGES = 4;

  /**
   * [inferred] ActionTrail serviceName values of the writes EventBridge delivers to the guard:
   * RAM's. Resource Management's records (ResourceManager) never travel through the guard's
   * EventBridge rule (its pattern names RAM's event types), so they are not compared: a scan
   * finds their drift. Each is looked up with {@code EventRW=Write}, a pair ActionTrail answers
   * [doc: "How do I configure the LookupAttribute parameter", Limits], so reads never fill the pages.
   */
  public static final java.util.List<String> TRAIL_SERVICE_NAMES = java.util.List.of(
      io.github.sparkroleguard.event.ChangeEvents.Service.RAM.lookupName());

  /**
   * [inferred] Failed calls and the guard's own writes are not compared: whether EventBridge
   * delivers failed calls is not documented, and the guard's own writes are skipped on arrival.
   */
  public static final boolean COMPARE_FAILED_CALLS = false;
}
