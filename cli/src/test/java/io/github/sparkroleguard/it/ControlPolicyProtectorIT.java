package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_POLICY;
import static io.github.sparkroleguard.emulator.SampleAccount.GUARD_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ram.model.v20150501.AttachPolicyToRoleRequest;
import com.aliyuncs.ram.model.v20150501.CreatePolicyVersionRequest;
import com.aliyuncs.ram.model.v20150501.UpdateRoleRequest;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.transport.SdkCaller;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Through the real SDK, under the generated control policy: a stranger cannot take over the
 * guard's own role (which would make every later write "the guard's own"), and cannot reach a
 * pinned policy by spelling its name in another case.
 */
class ControlPolicyProtectorIT {
  @Test
  void strangerWritingTheGuardsOwnRole_isRefused() throws Exception {
    try (GuardFixture f = new GuardFixture("", ControlPolicyIT.RESTORE)) {
      f.emulator.allow(Caller.ramUser("mallory", "LTAImallory0001", "mallory-secret"));
      SdkCaller mallory = ControlPolicyIT.client(f.emulator, "LTAImallory0001", "mallory-secret");
      ControlPolicyIT.attachGenerated(f);

      AttachPolicyToRoleRequest attach = new AttachPolicyToRoleRequest();
      attach.setPolicyType("System");
      attach.setPolicyName("AdministratorAccess");
      attach.setRoleName(GUARD_ROLE);
      assertEquals("NoPermission", assertThrows(CloudCallException.class, () -> mallory.call(attach)).code());
      UpdateRoleRequest trust = new UpdateRoleRequest();
      trust.setRoleName(GUARD_ROLE.toUpperCase(Locale.ROOT));
      trust.setNewAssumeRolePolicyDocument("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"RAM\":[\"acs:ram::1234567890123456:root\"]}}],\"Version\":\"1\"}");
      assertEquals("NoPermission", assertThrows(CloudCallException.class, () -> mallory.call(trust)).code());
      assertTrue(f.emulator.writes().isEmpty(), "no write went through");
    }
  }

  @Test
  void strangerWritingAPinnedPolicyInMixedCase_isRefused() throws Exception {
    try (GuardFixture f = new GuardFixture("", ControlPolicyIT.RESTORE)) {
      f.emulator.allow(Caller.ramUser("mallory", "LTAImallory0001", "mallory-secret"));
      SdkCaller mallory = ControlPolicyIT.client(f.emulator, "LTAImallory0001", "mallory-secret");
      ControlPolicyIT.attachGenerated(f);

      for (String spelling : new String[] {CUSTOM_POLICY, CUSTOM_POLICY.toUpperCase(Locale.ROOT), "Test-Serverless-Spark",
          "tEST-sERVERLESS-sPARK"}) {
        CreatePolicyVersionRequest v = new CreatePolicyVersionRequest();
        v.setPolicyName(spelling);
        v.setPolicyDocument("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        v.setSetAsDefault(true);
        assertEquals("NoPermission", assertThrows(CloudCallException.class, () -> mallory.call(v), spelling).code(), spelling);
      }
      assertTrue(f.emulator.writes().isEmpty(), "no write went through");
    }
  }
}
