package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.state.StoreKeys;
import io.github.sparkroleguard.state.Stores;
import io.github.sparkroleguard.testing.FakeTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** doctor's shared-state check against the emulated OSS: it proves the writes, not only a read. */
class SharedStateCheckIT {
  final FakeTime time = new FakeTime();
  CloudEmulator emulator;

  @BeforeEach
  void start() throws Exception {
    emulator = new CloudEmulator(new AccountState(), 0, time);
    emulator.allow(Caller.assumedRole("spark-role-guard-fc", "it", "STS.Doctor1", "doctor-secret", "doctor-token"));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  Finding run(String bucket) {
    GuardConfig config = new ConfigLoader(Map.of("GUARD_STATE_SECRET", "doctor-state-key-0123456789abcdef")::get, null)
        .parse("state: { store: oss, bucket: " + bucket + ", endpoint: \"" + emulator.endpoint()
            + "\", secret: \"${env:GUARD_STATE_SECRET}\" }\n");
    List<Finding> f = new SharedStateCheck(config, Stores.build(config.state(),
        () -> new StoreKeys("STS.Doctor1", "doctor-secret", "doctor-token"), time, reason -> { }), time).run();
    assertEquals(1, f.size());
    return f.get(0);
  }

  @Test
  void run_plainBucket_provesCreateOnlyRefusedSecondListAndCleansUp() {
    emulator.oss().createBucket("doctor-plain");
    Finding f = run("doctor-plain");
    assertEquals("warn", f.status().wireName(), f.detail()); // no delivery recorded yet
    assertTrue(f.detail().contains("a second one refused (409 FileAlreadyExists)") && f.detail().contains("spark-role-guard/t/"),
        f.detail());
    assertTrue(emulator.oss().objects("doctor-plain").isEmpty(), "the probe object is deleted");
  }

  @Test
  void run_versionedBucket_failsSayingCreateOnlyWritesAreNot() {
    emulator.oss().createBucket("doctor-versioned");
    emulator.oss().versioning("doctor-versioned", "Enabled");
    Finding f = run("doctor-versioned");
    assertEquals("fail", f.status().wireName());
    assertTrue(f.detail().contains("versioning Enabled"), f.detail());
  }

  /** state-writers over the same store: its bucket's ACL, read with a real GetBucketAcl. */
  Finding writers(String bucket) {
    GuardConfig config = new ConfigLoader(Map.of("GUARD_STATE_SECRET", "doctor-state-key-0123456789abcdef")::get, null)
        .parse("state: { store: oss, bucket: " + bucket + ", endpoint: \"" + emulator.endpoint()
            + "\", secret: \"${env:GUARD_STATE_SECRET}\" }\n");
    List<Finding> f = new StateWritersCheck(config, Stores.build(config.state(),
        () -> new StoreKeys("STS.Doctor1", "doctor-secret", "doctor-token"), time, reason -> { }).probe(), "1234567890123456").run();
    assertEquals(1, f.size());
    return f.get(0);
  }

  @Test
  void stateWriters_publicReadWriteBucket_failsAndPrivateWarnsNamingTheAcl() {
    emulator.oss().createBucket("doctor-open");
    emulator.oss().acl("doctor-open", "public-read-write");
    Finding open = writers("doctor-open");
    assertEquals("fail", open.status().wireName(), open.detail());
    assertTrue(open.detail().contains("the bucket's ACL is public-read-write"), open.detail());

    emulator.oss().createBucket("doctor-private");
    Finding closed = writers("doctor-private");
    assertEquals("warn", closed.status().wireName(), closed.detail());
    assertTrue(closed.detail().contains("the bucket's ACL is private"), closed.detail());
    assertTrue(emulator.oss().calls().stream().anyMatch(c -> c.startsWith("GetBucketAcl ")), emulator.oss().calls().toString());
    assertTrue(closed.detail().contains("it has no bucket policy"), closed.detail());
  }

  @Test
  void stateWriters_bucketPolicyAllowingAnyoneToWrite_fails() {
    emulator.oss().createBucket("doctor-policy");
    emulator.oss().policy("doctor-policy", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":[\"*\"],"
        + "\"Action\":[\"oss:PutObject\",\"oss:GetObject\"],\"Resource\":[\"acs:oss:*:1234567890123456:doctor-policy/*\"]}]}");
    Finding f = writers("doctor-policy");
    assertEquals("fail", f.status().wireName(), f.detail());
    assertTrue(f.detail().contains("the bucket policy allows Principal \"*\" to write the prefix"), f.detail());
  }

  @Test
  void run_bucketInAnotherRegion_failsNamingStateRegion() {
    emulator.oss().createBucket("doctor-beijing", "cn-beijing");
    Finding f = run("doctor-beijing");
    assertEquals("fail", f.status().wireName());
    assertTrue(f.detail().contains("SignatureDoesNotMatch") && f.fix().contains("state.region"), f.detail() + " / " + f.fix());
  }
}
