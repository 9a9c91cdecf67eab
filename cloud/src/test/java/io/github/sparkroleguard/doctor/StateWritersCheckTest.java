package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.state.StoreProbe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateWritersCheckTest {
  static final String KEY = "0123456789abcdef0123456789abcdef";
  static final String JOB_POLICY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\","
      + "\"oss:PutObject\",\"oss:DeleteObject\"],\"Resource\":[\"acs:oss:*:*:spark-data/*\"]}]}";

  /** A store whose bucket has this ACL; empty: reading it fails (not permitted). */
  static Optional<StoreProbe> acl(String grant) {
    return bucket(grant, Optional.empty());
  }

  /** A store whose bucket has this ACL and this policy (empty: none). */
  static Optional<StoreProbe> bucket(String grant, Optional<String> policy) {
    return Optional.of(new StoreProbe() {
      @Override
      public String run(Instant now) {
        throw new UnsupportedOperationException("not this check's");
      }

      @Override
      public String bucketAcl() {
        if (grant.isEmpty()) {
          throw new StoreProbe.Failure("GetBucketAcl failed: 403 AccessDenied", "grant oss:GetBucketAcl");
        }
        return grant;
      }

      @Override
      public Optional<String> bucketPolicy() {
        return policy;
      }
    });
  }

  static Finding run(String bucket, String workspace) {
    return run(bucket, workspace, acl("private"));
  }

  static Finding run(String bucket, String workspace, Optional<StoreProbe> store) {
    GuardConfig c = new ConfigLoader(Map.of("GUARD_STATE_SECRET", KEY)::get, null).parse(
        "state: { store: oss, bucket: " + bucket + ", secret: \"${env:GUARD_STATE_SECRET}\" }\n"
            + "roles:\n  - name: job-role\n" + workspace
            + "    policies:\n      - { name: job-oss, type: Custom, document: '" + JOB_POLICY + "' }\n");
    List<Finding> f = new StateWritersCheck(c, store, "1234567890123456").run();
    assertEquals(1, f.size());
    assertFalse(f.get(0).detail().contains(KEY), "the key is never in doctor's output");
    return f.get(0);
  }

  @Test
  void run_stateInABucketTheJobsWrite_failsNamingTheRoleAndPolicy() {
    Finding f = run("spark-data", "");
    assertEquals("fail", f.status().wireName());
    assertTrue(f.detail().contains("job-role (its policy job-oss allows oss:PutObject on spark-data/spark-role-guard/last-delivery)"), f.detail());
    assertTrue(f.fix().contains("dedicated bucket") && f.fix().contains("bucket policy"), f.fix());
  }

  @Test
  void run_stateInTheWorkspaceBucket_fails() {
    Finding f = run("ws-bucket", "    workspace: { ossPath: \"oss://ws-bucket/spark/\" }\n");
    assertEquals("fail", f.status().wireName());
    assertTrue(f.detail().contains("its workspace's bucket"), f.detail());
  }

  @Test
  void run_dedicatedBucket_warnsWhatItCannotSee() {
    Finding f = run("guard-state-only", "");
    assertEquals("warn", f.status().wireName());
    assertTrue(f.detail().contains("cannot be read with the guard's permissions"), f.detail());
  }

  @Test
  void run_dedicatedBucket_saysItsAcl() {
    assertTrue(run("guard-state-only", "").detail().contains("the bucket's ACL is private"));
    Finding readable = run("guard-state-only", "", acl("public-read"));
    assertEquals("warn", readable.status().wireName());
    assertTrue(readable.detail().contains("anyone can read the guard's memory"), readable.detail());
  }

  @Test
  void run_publicReadWriteBucket_failsEvenWhenNoRoleWritesIt() {
    Finding f = run("guard-state-only", "", acl("public-read-write"));
    assertEquals("fail", f.status().wireName());
    assertTrue(f.detail().contains("anonymous callers included (the bucket's ACL is public-read-write)"), f.detail());
    assertTrue(f.fix().startsWith("set the bucket's ACL to private"), f.fix());
  }

  static final String ANYONE_WRITES = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":[\"*\"],"
      + "\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:1234567890123456:guard-state-only/*\"]}]}";

  @Test
  void run_bucketPolicyLetsAnyoneWrite_fails() {
    Finding f = run("guard-state-only", "", bucket("private", Optional.of(ANYONE_WRITES)));
    assertEquals("fail", f.status().wireName(), f.detail());
    assertTrue(f.detail().contains("the bucket policy allows Principal \"*\" to write the prefix"), f.detail());
    assertTrue(f.fix().startsWith("remove the bucket policy's Allow for Principal \"*\""), f.fix());
  }

  @Test
  void run_bucketPolicyNamingTheOwnerAccount_isReadWhateverAccountTheCheckRunsFor() {
    // a central guard's doctor runs per member account; the bucket's policy names the central owner
    for (String account : List.of("", "2000000000000999")) {
      GuardConfig c = new ConfigLoader(Map.of("GUARD_STATE_SECRET", KEY)::get, null).parse(
          "state: { store: oss, bucket: guard-state-only, secret: \"${env:GUARD_STATE_SECRET}\" }\n");
      Finding f = new StateWritersCheck(c, bucket("private", Optional.of(ANYONE_WRITES)), account).run().get(0);
      assertEquals("fail", f.status().wireName(), account + ": " + f.detail());
    }
  }

  @Test
  void run_pinnedPolicyWritingOneKeptFolder_fails() {
    String approvedOnly = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:PutObject\"],"
        + "\"Resource\":[\"acs:oss:*:1234567890123456:guard-state-only/spark-role-guard/approved/*\"]}]}";
    GuardConfig c = new ConfigLoader(Map.of("GUARD_STATE_SECRET", KEY)::get, null).parse(
        "state: { store: oss, bucket: guard-state-only, secret: \"${env:GUARD_STATE_SECRET}\" }\n"
            + "roles:\n  - name: job-role\n    policies:\n      - { name: job-oss, type: Custom, document: '" + approvedOnly + "' }\n");
    Finding f = new StateWritersCheck(c, acl("private"), "1234567890123456").run().get(0);
    assertEquals("fail", f.status().wireName(), f.detail());
    assertTrue(f.detail().contains("allows oss:PutObject on guard-state-only/spark-role-guard/approved/probe"), f.detail());
  }

  @Test
  void run_bucketPolicyNamesOtherWriters_warnsListingThem() {
    Finding f = run("guard-state-only", "", bucket("private", Optional.of(ANYONE_WRITES.replace("[\"*\"]", "[\"20000001\"]"))));
    assertEquals("warn", f.status().wireName(), f.detail());
    assertTrue(f.detail().contains("its bucket policy lets 20000001 write the prefix"), f.detail());
    assertTrue(run("guard-state-only", "").detail().contains("it has no bucket policy"));
  }

  @Test
  void run_aclNotReadable_warnsSayingWhy() {
    Finding f = run("guard-state-only", "", acl(""));
    assertEquals("warn", f.status().wireName());
    assertTrue(f.detail().contains("the bucket's ACL could not be read (GetBucketAcl failed: 403 AccessDenied)"), f.detail());
  }

  @Test
  void run_memory_passes() {
    GuardConfig c = new ConfigLoader(Map.<String, String>of()::get, null).parse("mode: alert\n");
    assertEquals("pass", new StateWritersCheck(c, Optional.empty(), "").run().get(0).status().wireName());
  }
}
