package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.Endpoint;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.ram.SdkRamClient;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.Retrier;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call that stalls past the read timeout (the real SDK on loopback, the emulator holding the
 * answer): reads are retried within the budget; a write that timed out is sent again only when
 * that is harmless or a re-read shows it did not happen. The emulator carries out a stalled call
 * after the client gave up, as RAM may.
 */
class TimeoutIT {
  static final int READ_TIMEOUT_MS = 1_000;
  static final Duration STALL = Duration.ofMillis(1_500);

  static SdkRamClient ram(CloudEmulator emu) {
    emu.allow(Caller.assumedRole("spark-role-guard-fc", "t", "STS.AK7654321", "sec", "tok"));
    CredentialsHolder creds = new CredentialsHolder();
    creds.set("STS.AK7654321", "sec", "tok");
    return new SdkRamClient(new SdkCaller(SdkCaller.newClient("cn-hangzhou", creds), Endpoint.parse(emu.endpoint(), "e"),
        creds, Retrier.standard(), null, READ_TIMEOUT_MS));
  }

  @Test
  void read_stalledPastTheReadTimeout_isRetriedAndAnswers() throws Exception {
    try (CloudEmulator emu = new CloudEmulator(SampleAccount.healthy(Clock.systemUTC()), 0, Clock.systemUTC())) {
      SdkRamClient ram = ram(emu);
      emu.faults().stallNext("GetRole", STALL, 1);
      // the first attempt times out (SDK.ReadTimeout) while the emulator still holds it; the retry answers
      assertTrue(ram.getRoleTrustPolicy(SampleAccount.DEFAULT_ROLE).orElseThrow().contains("spark.emr-serverless"));
    }
  }

  @Test
  void createPolicyVersion_timedOutButApplied_isNotSentAgain() throws Exception {
    try (CloudEmulator emu = new CloudEmulator(SampleAccount.healthy(Clock.systemUTC()), 0, Clock.systemUTC())) {
      SdkRamClient ram = ram(emu);
      String pinned = SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json");
      emu.ram().createPolicyVersion(SampleAccount.CUSTOM_POLICY, EventReplay.narrowed("edit"), true, null);
      emu.faults().stallNext("CreatePolicyVersion", STALL, 1);
      // the re-read (answered within the timeout) reads the state after the stalled write took effect
      emu.faults().stallNext("GetPolicy", Duration.ofMillis(900), 1);

      ram.createDefaultPolicyVersion(SampleAccount.CUSTOM_POLICY, pinned);

      assertEquals(1, emu.writes().stream().filter(r -> r.action.equals("CreatePolicyVersion")).count());
      assertEquals(3, emu.ram().getPolicy("Custom", SampleAccount.CUSTOM_POLICY).versions.size(), "one version added, not two");
      assertTrue(ram.getDefaultPolicyVersion(PolicyType.CUSTOM, SampleAccount.CUSTOM_POLICY).orElseThrow().document()
          .contains("serverless-spark-test-resources"));
    }
  }

  @Test
  void attach_timedOut_isSentAgainHarmlessly() throws Exception {
    try (CloudEmulator emu = new CloudEmulator(SampleAccount.healthy(Clock.systemUTC()), 0, Clock.systemUTC())) {
      SdkRamClient ram = ram(emu);
      emu.ram().detachPolicyFromRole("System", SampleAccount.SYSTEM_POLICY, SampleAccount.DEFAULT_ROLE);
      emu.faults().stallNext("AttachPolicyToRole", STALL, 1);

      try {
        ram.attachPolicyToRole(PolicyType.SYSTEM, SampleAccount.SYSTEM_POLICY, SampleAccount.DEFAULT_ROLE);
      } catch (io.github.sparkroleguard.transport.CloudCallException e) {
        assertTrue(e.alreadyExists(), e.getMessage()); // the stalled attempt won the race: converged
      }
      assertEquals(1, ram.listPoliciesForRole(SampleAccount.DEFAULT_ROLE).size());
    }
  }
}
