package io.github.sparkroleguard.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateWritersCheckTest {
  static final String KEY = "0123456789abcdef0123456789abcdef";
  static final String JOB_POLICY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\","
      + "\"oss:PutObject\",\"oss:DeleteObject\"],\"Resource\":[\"acs:oss:*:*:spark-data/*\"]}]}";

  static Finding run(String bucket, String workspace) {
    GuardConfig c = new ConfigLoader(Map.of("GUARD_STATE_SECRET", KEY)::get, null).parse(
        "state: { store: oss, bucket: " + bucket + ", secret: \"${env:GUARD_STATE_SECRET}\" }\n"
            + "roles:\n  - name: job-role\n" + workspace
            + "    policies:\n      - { name: job-oss, type: Custom, document: '" + JOB_POLICY + "' }\n");
    List<Finding> f = new StateWritersCheck(c).run();
    assertEquals(1, f.size());
    assertFalse(f.get(0).detail().contains(KEY), "the key is never in doctor's output");
    return f.get(0);
  }

  @Test
  void run_stateInABucketTheJobsWrite_failsNamingTheRoleAndPolicy() {
    Finding f = run("spark-data", "");
    assertEquals("fail", f.status().wireName());
    assertTrue(f.detail().contains("job-role (its policy job-oss allows oss:PutObject on the prefix)"), f.detail());
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
  void run_memory_passes() {
    GuardConfig c = new ConfigLoader(Map.<String, String>of()::get, null).parse("mode: alert\n");
    assertEquals("pass", new StateWritersCheck(c).run().get(0).status().wireName());
  }
}
