package io.github.sparkroleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in the configuration caught at load, before the guard could act on them. */
class ConfigChecksTest {
  static final Map<String, String> ENV = Map.of("RAM_HOST", "http://127.0.0.1:18080", "ROLE", "team-jobrun",
      "EFFECT", "Allow", "SELF", "guard-fc", "HOOK", "https://example.invalid/h", "SECRET", "s3cr3t-value");
  @TempDir
  Path dir;

  private GuardConfig parse(String yaml) {
    return new ConfigLoader(ENV::get, dir).parse(yaml);
  }

  private String error(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void load_emptyFile_isAnError_butNoFileIsZeroConfiguration() throws Exception {
    Path empty = dir.resolve("guard.yaml");
    Files.writeString(empty, "");
    String m = assertThrows(ConfigException.class, () -> ConfigLoader.load(empty, ENV::get)).getMessage();
    assertTrue(m.contains("the configuration file is empty"), m);
    Files.writeString(empty, "# everything commented out\n# mode: restore\n---\n");
    assertThrows(ConfigException.class, () -> ConfigLoader.load(empty, ENV::get));
    String viaEnv = assertThrows(ConfigException.class,
        () -> ConfigLoader.fromEnvironment(Map.of("GUARD_CONFIG", empty.toString())::get)).getMessage();
    assertTrue(viaEnv.startsWith("GUARD_CONFIG " + empty + ": the configuration file is empty"), viaEnv);
    assertEquals(Defaults.DEFAULT_ROLE, ConfigLoader.fromEnvironment(k -> null).roles().get(0).name());
  }

  @Test
  void parse_envReferences_workInEveryStringValue() {
    GuardConfig c = parse("ram: { endpoint: '${env:RAM_HOST}' }\nself: { roleName: '${env:SELF}' }\n"
        + "roles:\n  - name: '${env:ROLE}'\n    policies:\n      - name: p\n        type: Custom\n"
        + "        document: { Version: '1', Statement: [ { Effect: '${env:EFFECT}', Action: 'oss:GetObject', Resource: '*' } ] }\n"
        + "alerts: [ { type: webhook, url: '${env:HOOK}', secret: '${env:SECRET}' } ]\n");
    assertEquals("127.0.0.1:18080", c.ramEndpoint().host());
    assertEquals("guard-fc", c.selfRoleName());
    assertTrue(c.role("team-jobrun").isPresent());
    assertTrue(c.role("team-jobrun").get().policies().get(0).document().contains("\"Effect\":\"Allow\""));
    assertEquals("s3cr3t-value", c.alerts().get(0).secret());
  }

  @Test
  void parse_unsetEnvReference_namesTheKeyAndVariable() {
    String m = error("roles:\n  - name: a\n    description: 'owned by ${env:TEAM}'\n");
    assertEquals("roles[0].description: environment variable TEAM is not set", m);
  }

  @Test
  void parse_inlineSecret_isStillRefused() {
    String m = error("alerts: [ { type: webhook, url: '${env:HOOK}', secret: plain-text } ]\n");
    assertTrue(m.contains("secrets must be written as ${env:NAME}"), m);
    assertFalse(m.contains("plain-text"), m);
  }

  @Test
  void parse_effectTypo_isRefusedWithTheKeyAndPath() {
    String m = error("roles:\n  - name: a\n    mode: restore\n    policies:\n      - name: p\n        type: Custom\n"
        + "        document: '{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Alow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}'\n");
    assertEquals("roles[0].policies[0].document: Statement[0].Effect: must be Allow or Deny, not \"Alow\"", m);
  }

  @Test
  void parse_trustPolicyWithoutPrincipal_andPermissionPolicyWithOne_areRefused() {
    String trust = error("roles:\n  - name: a\n    trustPolicy: { Version: '1', Statement: [ { Effect: Allow, Action: 'sts:AssumeRole' } ] }\n");
    assertTrue(trust.startsWith("roles[0].trustPolicy: Statement[0].Principal: required in a trust policy"), trust);
    String permission = error("roles:\n  - name: a\n    policies:\n      - name: p\n        type: Custom\n"
        + "        document: { Version: '1', Statement: [ { Effect: Allow, Action: 'oss:*', Resource: '*', Principal: { RAM: '*' } } ] }\n");
    assertTrue(permission.startsWith("roles[0].policies[0].document: Statement[0].Principal: only a role's trust policy"), permission);
  }

  @Test
  void parse_twoRolesPinningOnePolicyDifferently_isRefusedNamingBoth() {
    String doc1 = "{ Version: '1', Statement: [ { Effect: Allow, Action: 'oss:GetObject', Resource: '*' } ] }";
    String doc2 = "{ Version: '1', Statement: [ { Effect: Allow, Action: 'oss:*', Resource: '*' } ] }";
    String m = error("roles:\n  - name: a\n    policies: [ { name: shared, type: Custom, document: " + doc1 + " } ]\n"
        + "  - name: b\n    policies: [ { name: shared, type: Custom, document: " + doc2 + " } ]\n");
    assertTrue(m.startsWith("roles[1].policies[0]: Custom policy shared is also pinned by roles[0].policies[0] (role a)"
        + " with a different document"), m);
  }

  @Test
  void parse_twoRolesPinningOnePolicyAlike_isFine() {
    String doc1 = "{ Version: '1', Statement: [ { Effect: Allow, Action: ['oss:GetObject', 'oss:PutObject'], Resource: '*' } ] }";
    String doc2 = "{ Statement: [ { Resource: ['*'], Action: ['oss:PutObject', 'oss:GetObject'], Effect: Allow } ], Version: '1' }";
    GuardConfig c = parse("roles:\n  - name: a\n    policies: [ { name: shared, type: Custom, document: " + doc1 + " } ]\n"
        + "  - name: b\n    policies: [ { name: shared, type: Custom, document: " + doc2 + " } ]\n");
    assertEquals(4, c.roles().size(), "a, b, the default role and the service-linked role");
  }
}
