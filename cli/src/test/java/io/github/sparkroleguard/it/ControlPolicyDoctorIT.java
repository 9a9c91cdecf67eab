package io.github.sparkroleguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.deploy.ControlPolicy;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * doctor's control-policy check, through the real SDK against the emulated Resource Directory:
 * it passes when the generated policy is attached (here to the account's folder), warns when
 * none is or when the directory cannot be read from this account, and fails when the attached
 * policy's exceptions no longer name the deployed guard role.
 */
class ControlPolicyDoctorIT {
  static final byte[] DOCTOR = "{\"action\":\"doctor\"}".getBytes(StandardCharsets.UTF_8);
  GuardFixture f;

  @BeforeEach
  void deploy() throws Exception {
    f = new GuardFixture("", "");
    // doctor runs every check: its EventBridge check talks to the emulator too, never a real host.
    String ebEndpoints = "eventbridge:\n  endpoints: { cn-hangzhou: \"" + f.emulator.endpoint()
        + "\", ap-southeast-1: \"" + f.emulator.endpoint() + "\" }\n";
    Files.writeString(f.dir.resolve("guard.yaml"), Files.readString(f.dir.resolve("guard.yaml")) + ebEndpoints);
  }

  @AfterEach
  void close() {
    f.close();
  }

  JsonNode finding() throws Exception {
    GuardConfig config = ConfigLoader.load(f.dir.resolve("guard.yaml"), f.env()::get);
    InvocationResult r = GuardRuntime.build(config, f.env()::get, f.log::add, f.time.timing()).invoke(DOCTOR);
    for (JsonNode c : r.json().path("checks")) {
      if (c.path("check").asText().equals("control-policy")) {
        return c;
      }
    }
    throw new AssertionError("no control-policy finding in " + r.json());
  }

  void attach(String target, String selfRole) throws Exception {
    String yaml = Files.readString(f.dir.resolve("guard.yaml"));
    Files.writeString(f.dir.resolve("other.yaml"), "self: { roleName: " + selfRole + " }\n" + yaml);
    GuardConfig config = ConfigLoader.load(f.dir.resolve("other.yaml"), f.env()::get);
    for (JsonNode p : ControlPolicy.generate(config).path("policies")) {
      f.emulator.controlPolicies().attach(target, Json.write(p.path("policyDocument")));
    }
  }

  @Test
  void doctor_generatedPolicyOnTheFolder_passes() throws Exception {
    attach("fd-emulated01", "spark-role-guard-fc");
    JsonNode c = finding();
    assertEquals("pass", c.path("status").asText(), c.toString());
    assertEquals("1234567890123456", c.path("subject").asText());
  }

  @Test
  void doctor_noControlPolicy_warnsThatPreventionIsOff() throws Exception {
    JsonNode c = finding();
    assertEquals("warn", c.path("status").asText(), c.toString());
    assertTrue(c.path("detail").asText().contains("prevention off"), c.toString());
  }

  @Test
  void doctor_exceptionsNameAnotherGuardRole_fails() throws Exception {
    attach("", "the-old-guard-role");
    JsonNode c = finding();
    assertEquals("fail", c.path("status").asText(), c.toString());
    assertTrue(c.path("detail").asText().contains("spark-role-guard-fc"), c.toString());
    assertTrue(c.path("fix").asText().contains("control-policy"), c.toString());
  }

  @Test
  void doctor_directoryNotReadableFromThisAccount_warnsItCannotSee() throws Exception {
    attach("", "spark-role-guard-fc");
    f.emulator.faults().failAlways("GetAccount", 403, "NoPermission");
    JsonNode c = finding();
    assertEquals("warn", c.path("status").asText(), c.toString());
    assertTrue(c.path("detail").asText().contains("cannot be seen") && c.path("fix").asText().contains("management account"),
        c.toString());
  }
}
