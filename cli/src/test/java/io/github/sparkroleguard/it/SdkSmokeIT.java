package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.*;

import io.github.sparkroleguard.config.Endpoint;
import io.github.sparkroleguard.config.PolicyType;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.transport.SdkCaller;
import io.github.sparkroleguard.ram.SdkRamClient;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.Retrier;
import io.github.sparkroleguard.transport.Timing;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SdkSmokeIT {
  @Test
  void sdk_readsRoleAndPolicies() throws Exception {
    try (CloudEmulator emu = new CloudEmulator(SampleAccount.healthy(Clock.systemUTC()), 0, Clock.systemUTC())) {
      emu.allow(Caller.assumedRole("spark-role-guard-fc", "s1", "STS.AK1234567", "sec", "tok"));
      CredentialsHolder creds = new CredentialsHolder();
      creds.set("STS.AK1234567", "sec", "tok");
      SdkRamClient ram = new SdkRamClient(new SdkCaller(SdkCaller.newClient("cn-hangzhou", creds),
          Endpoint.parse(emu.endpoint(), "e"), creds, Retrier.standard(Timing.system())));
      assertTrue(ram.getRoleTrustPolicy(SampleAccount.DEFAULT_ROLE).get().contains("spark.emr-serverless"));
      assertEquals(1, ram.listPoliciesForRole(SampleAccount.DEFAULT_ROLE).size());
      assertTrue(ram.getRoleTrustPolicy("nope").isEmpty());
      assertEquals("v1", ram.getDefaultPolicyVersion(PolicyType.CUSTOM, SampleAccount.CUSTOM_POLICY).get().versionId());
      ram.createDefaultPolicyVersion(SampleAccount.CUSTOM_POLICY, "{\"Version\":\"1\",\"Statement\":[]}");
      assertEquals(2, ram.listPolicyVersions(SampleAccount.CUSTOM_POLICY).size());
    }
  }
}
