package io.github.sparkroleguard.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.deploy.ControlPolicy;
import io.github.sparkroleguard.event.InputParser;
import io.github.sparkroleguard.event.Command;
import io.github.sparkroleguard.testing.TestJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/control-policy.json is what `control-policy` prints for the example configuration. */
class ControlPolicyCommandTest {
  static final String EXAMPLE = "core/src/main/resources/guard.example.yaml";
  static final Map<String, String> ENV = Map.of("OPS_WEBHOOK_URL", "https://x.invalid/h", "OPS_WEBHOOK_SECRET", "s");

  static String run(List<String> args, ByteArrayOutputStream err) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(args, ENV::get, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return code + "\n" + out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void controlPolicy_exampleConfig_printsTheCommittedFile() throws Exception {
    String printed = run(List.of("control-policy", "--config", EXAMPLE), new ByteArrayOutputStream());
    assertTrue(printed.startsWith("0\n"), printed);
    String committed = Files.readString(Path.of("deploy/control-policy.json"));
    assertEquals(committed, printed.substring(2),
        "regenerate: java -jar cli/target/spark-role-guard.jar control-policy --config " + EXAMPLE + " > deploy/control-policy.json");
    JsonNode parsed = TestJson.MAPPER.readTree(committed);
    assertEquals(ControlPolicy.generate(ConfigLoader.load(Path.of(EXAMPLE), ENV::get)), parsed);
    for (JsonNode p : parsed.path("policies")) {
      String compact = TestJson.MAPPER.writeValueAsString(p.path("policyDocument"));
      assertEquals(compact.length(), p.path("characters").asInt());
      assertTrue(compact.length() <= 4096, "Resource Directory's limit for one control policy");
    }
  }

  @Test
  void controlPolicy_unusableApprovedActor_isAConfigurationError(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("guard.yaml");
    Files.writeString(yaml, "approvedActors: [\"ops:ci:x\"]\nroles:\n  - name: spark-exec\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String printed = run(List.of("control-policy", "--config", yaml.toString()), err);
    assertEquals("2\n", printed);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("approvedActors[0]: ops:ci:x cannot be written"), err.toString());
  }

  @Test
  void parse_controlPolicyCommand_isTheManualCommand() {
    Command c = InputParser.parse("{\"action\":\"control-policy\"}".getBytes(StandardCharsets.UTF_8)).command();
    assertEquals(Command.Action.CONTROL_POLICY, c.action());
    assertEquals("control-policy", c.action().wireName());
  }
}
