package io.github.sparkroleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private GuardConfig parse(String yaml) {
    return new ConfigLoader(Map.of("HOOK", "https://example.invalid/h?t=1", "SECRET", "s3cr3t-value")::get, dir).parse(yaml);
  }

  @Test
  void parse_serviceLinkedRoleSwitch_offRemovesIt_andItsEntryTakesOnlyAMode() {
    assertEquals(1, parse("serviceLinkedRole: false").roles().size());
    GuardConfig c = parse("roles: [ { name: AliyunServiceRoleForEMRServerlessSpark, mode: restore } ]");
    assertEquals(Mode.RESTORE, c.role(Defaults.SERVICE_LINKED_ROLE).get().mode());
    assertTrue(c.role(Defaults.SERVICE_LINKED_ROLE).get().serviceLinked());
    ConfigException e = assertThrows(ConfigException.class, () -> parse(
        "roles: [ { name: AliyunServiceRoleForEMRServerlessSpark, trustPolicy: '{}' } ]"));
    assertTrue(e.getMessage().startsWith("roles[0].trustPolicy: unknown key"), e.getMessage());
  }

  @Test
  void parse_resourceGroupGrant_isPinnedWithItsScope() {
    GuardConfig c = parse("roles: [ { name: r, policies: [ { name: AliyunOSSReadOnlyAccess, type: System, resourceGroupId: rg-abc123 } ] } ]");
    assertEquals("System:aliyunossreadonlyaccess@rg-abc123", c.role("r").get().policies().get(0).key());
    assertThrows(ConfigException.class, () -> parse(
        "roles: [ { name: r, policies: [ { name: p, type: System, resourceGroupId: 'not a group' } ] } ]"));
  }

  @Test
  void parse_empty_protectsTheDefaultRoleInAlertMode() {
    GuardConfig c = parse("");
    assertEquals(2, c.roles().size(), "the default role and the service-linked role");
    assertTrue(c.roles().get(1).serviceLinked());
    assertEquals("spark.emr-serverless.aliyuncs.com", c.roles().get(1).serviceLinkedService());
    RoleBaseline d = c.roles().get(0);
    assertEquals(Defaults.DEFAULT_ROLE, d.name());
    assertEquals(Mode.ALERT, d.mode());
    assertEquals(Defaults.SPARK_TRUST_POLICY, d.trustPolicy());
    assertEquals(1, d.policies().size());
    assertEquals(PolicyType.SYSTEM, d.policies().get(0).type());
    assertEquals(Defaults.DEFAULT_ROLE_POLICY, d.policies().get(0).name());
    assertNull(d.policies().get(0).document());
    assertFalse(c.dryRun());
    assertEquals("ram.aliyuncs.com", c.ramEndpoint().host());
    assertTrue(c.ramEndpoint().https());
    assertEquals(Defaults.DEFAULT_SELF_ROLE, c.selfRoleName());
  }

  @Test
  void fromEnvironment_withoutGuardConfig_usesTheBundledFile() {
    GuardConfig c = ConfigLoader.fromEnvironment(k -> null);
    assertEquals(Defaults.DEFAULT_ROLE, c.roles().get(0).name());
    assertEquals(Mode.ALERT, c.roles().get(0).mode());
  }

  @Test
  void parse_fullFile_readsEveryKey() throws Exception {
    Files.writeString(dir.resolve("p.json"), "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\",\"Resource\":\"*\"}]}");
    GuardConfig c = parse(String.join("\n",
        "mode: restore",
        "dryRun: true",
        "maxWritesPerInvocation: 7",
        "ram: { endpoint: 'http://127.0.0.1:18080', region: ap-southeast-1 }",
        "self: { roleName: my-guard }",
        "roles:",
        "  - name: custom-role",
        "    mode: alert",
        "    detachUnexpected: true",
        "    maxSessionDuration: 7200",
        "    trustPolicy: { Version: '1', Statement: [ { Effect: Allow, Action: 'sts:AssumeRole', Principal: { Service: [ 'x.aliyuncs.com' ] } } ] }",
        "    policies:",
        "      - { name: pinned, type: Custom, documentFile: p.json }",
        "      - { name: AliyunOSSReadOnlyAccess, type: System }",
        "alerts:",
        "  - { type: webhook, url: '${env:HOOK}', secret: '${env:SECRET}' }"));
    assertTrue(c.dryRun());
    assertEquals(7, c.maxWritesPerInvocation());
    assertFalse(c.ramEndpoint().https());
    assertEquals("127.0.0.1:18080", c.ramEndpoint().host());
    assertEquals("actiontrail.ap-southeast-1.aliyuncs.com", c.actionTrailEndpoint().host());
    assertEquals("my-guard", c.selfRoleName());
    assertEquals(3, c.roles().size(), "the default role and the service-linked role are added");
    assertEquals(Mode.RESTORE, c.role(Defaults.DEFAULT_ROLE).get().mode(), "it takes the global mode");
    RoleBaseline r = c.role("CUSTOM-ROLE").get();
    assertEquals(Mode.ALERT, r.mode());
    assertTrue(r.detachUnexpected());
    assertEquals(7200, r.maxSessionDuration());
    assertTrue(r.trustPolicy().contains("x.aliyuncs.com"));
    assertTrue(r.customPolicy("PINNED").get().document().contains("oss:GetObject"));
    assertEquals("https://example.invalid/h?t=1", c.alerts().get(0).url());
    assertEquals("s3cr3t-value", c.alerts().get(0).secret());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mode: sometimes|mode: must be alert or restore, got 'sometimes'",
      "moed: alert|moed: unknown key (allowed: mode, dryRun, maxWritesPerInvocation, attributionHours, retryBudgetSeconds, realertMinutes, flapping, settleSeconds, approvedActors, ram, actiontrail, self, roles, alerts, resourcemanager, eventbridge, state, serviceLinkedRole, accounts, fleet, prevention, fanOut)",
      "dryRun: 'yes please'|dryRun: must be true or false",
      "maxWritesPerInvocation: 0|maxWritesPerInvocation: must be a whole number from 1 to 1000",
      "ram: { endpoint: 'ftp://x' }|ram.endpoint: must be host[:port] or http(s)://host[:port], got 'ftp://x'",
      "roles: [ { name: 'bad name!' } ]|roles[0].name: must be a RAM role name (1-64 letters, digits, '.', '-')",
      "roles: [ { name: a }, { name: A } ]|roles[1].name: role A is listed twice",
      "roles: [ { name: a, policies: [ { name: p, type: Custom } ] } ]|roles[0].policies[0]: a Custom policy needs document or documentFile",
      "roles: [ { name: a, policies: [ { name: p, type: Other } ] } ]|roles[0].policies[0].type: must be System or Custom",
      "roles: [ { name: a, policies: [ { name: p, type: Custom, documentFile: nope.json } ] } ]|roles[0].policies[0].documentFile: cannot read",
      "roles: [ { name: a, trustPolicy: '{\"Version\":\"1\"}' } ]|roles[0].trustPolicy: policy document has no Statement",
      "roles: [ { name: a, maxSessionDuration: 60 } ]|roles[0].maxSessionDuration: must be a whole number from 3600 to 43200",
      "alerts: [ { type: pager } ]|alerts[0].type: must be one of",
      "alerts: [ { type: webhook, url: '${env:MISSING}' } ]|alerts[0].url: environment variable MISSING is not set",
      "alerts: [ { type: webhook, url: 'https://x.invalid', secret: 'inline-secret' } ]|alerts[0].secret: secrets must be written as ${env:NAME}, never inline",
      "'[1, 2]'|configuration: must be a mapping of keys",
      "roles: [ { name: a, description: 2024-01-01 } ]|configuration: roles[0].description: unsupported value of type Date (quote dates and binary values)",
      "'mode: [unclosed'|configuration is not valid YAML"})
  void parse_badValue_namesTheKeyAndTheProblem(String yaml, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void parse_systemPolicyWithDocument_isRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(
        "roles: [ { name: a, policies: [ { name: p, type: System, document: '{\"Statement\":[]}' } ] } ]"));
    assertTrue(e.getMessage().contains("pinned by name only"), e.getMessage());
  }

  @Test
  void parse_inlineSecretError_doesNotEchoTheSecret() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(
        "alerts: [ { type: webhook, url: 'https://x.invalid', secret: 'hunter2-inline' } ]"));
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void parse_oversizedDocument_isRejected() {
    String big = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + "\"oss:GetObject\",".repeat(500)
        + "\"oss:GetObject\"],\"Resource\":\"*\"}]}";
    ConfigException e = assertThrows(ConfigException.class, () -> parse(
        "roles: [ { name: a, policies: [ { name: p, type: Custom, document: '" + big + "' } ] } ]"));
    assertTrue(e.getMessage().contains("larger than RAM's limit of 6144 bytes"), e.getMessage());
  }
}
