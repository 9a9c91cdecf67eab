package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_POLICY;
import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static io.github.sparkroleguard.emulator.SampleAccount.DEFAULT_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ram.model.v20150501.CreateRoleRequest;
import com.aliyuncs.ram.model.v20150501.DeleteRoleRequest;
import com.aliyuncs.ram.model.v20150501.DetachPolicyFromRoleRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.Defaults;
import io.github.sparkroleguard.config.Endpoint;
import io.github.sparkroleguard.deploy.ControlPolicy;
import io.github.sparkroleguard.deploy.ControlPolicyAudit;
import io.github.sparkroleguard.rm.AttachedControlPolicy;
import io.github.sparkroleguard.rm.ControlPolicyReader;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.CredentialsHolder;
import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.transport.Retrier;
import io.github.sparkroleguard.transport.SdkCaller;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prevention and correction together: with the generated control policy attached to the
 * emulated account, a stranger's writes to a protected role are refused through the real SDK,
 * while what gets through anyway (the account's root identity, which EffectScope RAM does not
 * bind) is restored by the guard, whose own writes the policy lets pass.
 */
class ControlPolicyIT {
  static final String RESTORE = "mode: restore\ndetachUnexpected: true";

  static SdkCaller client(CloudEmulator emulator, String keyId, String secret) {
    return client(emulator, keyId, secret, null);
  }

  static SdkCaller client(CloudEmulator emulator, String keyId, String secret, String token) {
    CredentialsHolder creds = new CredentialsHolder();
    creds.set(keyId, secret, token);
    return new SdkCaller(SdkCaller.newClient("cn-hangzhou", creds), Endpoint.parse(emulator.endpoint(), "ram.endpoint"),
        creds, Retrier.standard());
  }

  static void attachGenerated(GuardFixture f) throws Exception {
    JsonNode out = ControlPolicy.generate(ConfigLoader.load(f.dir.resolve("guard.yaml"), f.env()::get));
    for (JsonNode p : out.path("policies")) {
      f.emulator.controlPolicies().attach(Json.write(p.path("policyDocument")));
    }
  }

  static DeleteRoleRequest deleteRole(String name) {
    DeleteRoleRequest r = new DeleteRoleRequest();
    r.setRoleName(name);
    return r;
  }

  static DetachPolicyFromRoleRequest detach(String type, String policy, String role) {
    DetachPolicyFromRoleRequest r = new DetachPolicyFromRoleRequest();
    r.setPolicyType(type);
    r.setPolicyName(policy);
    r.setRoleName(role);
    return r;
  }

  @Test
  void strangersDeleteRole_underTheControlPolicy_isRefusedWithNoPermission() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      f.emulator.allow(Caller.ramUser("mallory", "LTAImallory0001", "mallory-secret"));
      SdkCaller mallory = client(f.emulator, "LTAImallory0001", "mallory-secret");
      attachGenerated(f);
      int attachments = f.emulator.ram().snapshot().attachments.size();

      CloudCallException denied = assertThrows(CloudCallException.class, () -> mallory.call(deleteRole(CUSTOM_ROLE)));
      assertEquals("NoPermission", denied.code());
      CloudCallException detach = assertThrows(CloudCallException.class,
          () -> mallory.call(detach("Custom", CUSTOM_POLICY, CUSTOM_ROLE)));
      assertEquals("NoPermission", detach.code());
      assertEquals(CUSTOM_ROLE, f.emulator.ram().getRole(CUSTOM_ROLE).roleName);
      assertEquals(attachments, f.emulator.ram().snapshot().attachments.size(), "nothing detached");
      assertTrue(f.emulator.writes().isEmpty(), "no write went through");

      // Outside the protected roles nothing is refused: a role of her own comes and goes.
      CreateRoleRequest create = new CreateRoleRequest();
      create.setRoleName("mallorys-own-role");
      create.setAssumeRolePolicyDocument(Defaults.SPARK_TRUST_POLICY);
      mallory.call(create);
      mallory.call(deleteRole("mallorys-own-role"));
      assertEquals(2, f.emulator.writes().size());
    }
  }

  @Test
  void rootsChange_underTheControlPolicy_isRestoredByTheGuard() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      f.emulator.allow(Caller.root("LTAIroot00000001", "root-secret"));
      attachGenerated(f);
      int attachments = f.emulator.ram().snapshot().attachments.size();

      // The account's root identity is not bound by a control policy (EffectScope RAM): its change gets through.
      client(f.emulator, "LTAIroot00000001", "root-secret").call(detach("System", "AliyunEMRSparkJobRunDefaultRolePolicy",
          DEFAULT_ROLE));
      f.emulator.clearRequests();

      InvocationResult result = f.invoke(("{\"action\":\"restore\",\"roleName\":\"" + DEFAULT_ROLE + "\"}")
          .getBytes(StandardCharsets.UTF_8));

      assertTrue(result.ok(), result.json().toString());
      assertEquals("restored", GuardFixture.role(result, DEFAULT_ROLE).path("status").asText(), result.json().toString());
      List<CloudEmulator.Request> writes = f.emulator.writes();
      assertEquals(1, writes.size(), writes.toString());
      assertEquals("AttachPolicyToRole", writes.get(0).action);
      assertTrue(f.emulator.requests().stream().noneMatch(r -> "NoPermission".equals(r.code)));
      assertEquals(attachments, f.emulator.ram().snapshot().attachments.size(), "the policy is attached again");
    }
  }

  @Test
  void guardsRestore_whenTheExceptionNamesAnotherRole_isRefusedAndTheInvocationFails() throws Exception {
    try (GuardFixture f = new GuardFixture("self: { roleName: some-other-guard }", RESTORE)) {
      f.emulator.allow(Caller.root("LTAIroot00000001", "root-secret"));
      attachGenerated(f); // excepts some-other-guard, not spark-role-guard-fc that the guard signs as
      int attachments = f.emulator.ram().snapshot().attachments.size();
      client(f.emulator, "LTAIroot00000001", "root-secret").call(detach("System", "AliyunEMRSparkJobRunDefaultRolePolicy",
          DEFAULT_ROLE));
      f.emulator.clearRequests();

      InvocationResult result = f.invoke(("{\"action\":\"restore\",\"roleName\":\"" + DEFAULT_ROLE + "\"}")
          .getBytes(StandardCharsets.UTF_8));

      assertTrue(!result.ok(), result.json().toString());
      assertTrue(f.emulator.requests().stream().anyMatch(r -> "NoPermission".equals(r.code)), f.emulator.requests().toString());
      assertEquals(attachments - 1, f.emulator.ram().snapshot().attachments.size(), "still detached");
    }
  }

  @Test
  void reader_policyOnTheAccountsFolder_isFoundAndAuditedAsPreventing() throws Exception {
    try (GuardFixture f = new GuardFixture("", RESTORE)) {
      io.github.sparkroleguard.config.GuardConfig config = ConfigLoader.load(f.dir.resolve("guard.yaml"), f.env()::get);
      for (JsonNode p : ControlPolicy.generate(config).path("policies")) {
        f.emulator.controlPolicies().attach("fd-emulated01", Json.write(p.path("policyDocument")));
      }
      String account = f.emulator.ram().accountId();
      ControlPolicyReader reader = new ControlPolicyReader(client(f.emulator, GuardFixture.KEY_ID, GuardFixture.SECRET, GuardFixture.TOKEN));

      List<AttachedControlPolicy> applying = reader.applyingTo(account);

      List<String> documents = applying.stream().filter(AttachedControlPolicy::custom).map(AttachedControlPolicy::document)
          .collect(java.util.stream.Collectors.toList());
      assertEquals(1, documents.size(), applying.toString());
      assertEquals("fd-emulated01", applying.stream().filter(AttachedControlPolicy::custom).findFirst().get().targetId());
      ControlPolicyAudit.Verdict v = ControlPolicyAudit.audit(config, account, documents);
      assertEquals(ControlPolicyAudit.Level.OK, v.level(), v.message());

      f.emulator.faults().failAlways("ListControlPolicyAttachmentsForTarget", 403, "NoPermission");
      CloudCallException hidden = assertThrows(CloudCallException.class, () -> reader.applyingTo(account));
      assertEquals("NoPermission", hidden.code());
    }
  }
}
