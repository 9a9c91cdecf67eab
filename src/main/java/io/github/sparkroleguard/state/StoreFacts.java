package io.github.sparkroleguard.state;

import java.time.Duration;

/**
 * Every fact about OSS and ActionTrail the shared memory relies on, in one place. [doc] ones were
 * checked against Alibaba Cloud's documentation (cited); [inferred] ones could not be checked
 * without an account: change them here, and {@code doctor} and the README say how to confirm.
 */
public final class StoreFacts {
  private StoreFacts() {}

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

  /** Connect and read timeout of one store call: a slow store is replaced by memory, not waited for. */
  public static final int TIMEOUT_MILLIS = 2000;

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
   * [inferred] ActionTrail serviceName values to look up for writes on roles: RAM's (Ram; Ims for
   * newer records) and Resource Management's (ResourceManager). One lookup attribute per query.
   */
  public static final java.util.List<String> TRAIL_SERVICE_NAMES = java.util.List.of("Ram", "ResourceManager");

  /**
   * [inferred] Failed calls and the guard's own writes are not compared: whether EventBridge
   * delivers failed calls is not documented, and the guard's own writes are skipped on arrival.
   */
  public static final boolean COMPARE_FAILED_CALLS = false;
}
