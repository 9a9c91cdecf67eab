package io.github.sparkroleguard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A variable the configuration reads as {@code ${env:NAME}} exists in the function only if its
 * s.yaml passes it: every one the example configuration references is in the
 * {@code environmentVariables} of every function the matching s.yaml deploys, taken from the
 * deployer's environment under the same name. Otherwise the guard fails to load its configuration
 * in FC (or, for state.secret, cannot use its shared store) although it worked on a laptop.
 */
class ExampleEnvironmentTest {
  private static final Pattern CONFIG_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  /** The names a configuration text reads from the environment, in its values (not its comments). */
  static Set<String> referenced(String configYaml) throws Exception {
    Set<String> out = new TreeSet<>();
    collect(DeployFilesTest.YAML.readTree(configYaml), out);
    return out;
  }

  private static void collect(JsonNode node, Set<String> out) {
    if (node.isTextual()) {
      Matcher m = CONFIG_REF.matcher(node.asText());
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    node.forEach(child -> collect(child, out));
  }

  /** "resource: NAME ..." for each function of the s.yaml that does not pass a referenced name. */
  static List<String> unpassed(String configYaml, String sYaml) throws Exception {
    Set<String> names = referenced(configYaml);
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = DeployFilesTest.YAML.readTree(sYaml).path("resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      JsonNode env = resource.getValue().path("props").path("environmentVariables");
      for (String name : names) {
        Matcher m = DeployFilesTest.ENV.matcher(env.path(name).asText());
        if (!m.matches() || !m.group(1).equals(name)) {
          problems.add(resource.getKey() + ": " + name + " is referenced by the configuration but not passed as "
              + name + ": ${env('" + name + "')} (got '" + env.path(name).asText() + "')");
        }
      }
    }
    return problems;
  }

  @Test
  void mainExample_everyEnvReference_isPassedToGuardAndGuardIntl() throws Exception {
    String config = Files.readString(Path.of("core/src/main/resources/guard.example.yaml"));
    String sYaml = Files.readString(Path.of("s.yaml"));
    assertEquals(Set.of("GUARD_STATE_SECRET", "OPS_WEBHOOK_SECRET", "OPS_WEBHOOK_URL"), referenced(config));
    assertEquals(Set.of("guard", "guard-intl"), resources(sYaml));
    assertEquals(List.of(), unpassed(config, sYaml));
  }

  @Test
  void centralExample_everyEnvReference_isPassedToTheCentralFunction() throws Exception {
    String config = Files.readString(Path.of("core/src/main/resources/guard-central.example.yaml"));
    String sYaml = Files.readString(ManyAccountsFilesTest.DIR.resolve("s.yaml"));
    assertEquals(Set.of("GUARD_EXTERNAL_ID", "GUARD_STATE_SECRET", "OPS_WEBHOOK_SECRET", "OPS_WEBHOOK_URL"), referenced(config));
    assertEquals(Set.of("guard"), resources(sYaml));
    assertEquals(List.of(), unpassed(config, sYaml));
  }

  @Test
  void unpassed_missingOrRenamedVariable_isNamedPerFunction() throws Exception {
    String sYaml = Files.readString(Path.of("s.yaml"));
    String config = "alerts:\n  - { type: webhook, url: \"https://h.invalid/${env:HOOK_TOKEN}\" }  # ${env:IN_A_COMMENT}\n";
    List<String> problems = unpassed(config, sYaml);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("guard: HOOK_TOKEN") && problems.get(1).startsWith("guard-intl: HOOK_TOKEN"),
        problems.toString());

    String intlRenamed = sYaml.substring(0, sYaml.indexOf("  guard-intl:"))
        + sYaml.substring(sYaml.indexOf("  guard-intl:")).replace("${env('OPS_WEBHOOK_URL')}", "${env('OPS_URL')}");
    assertEquals(List.of("guard-intl: OPS_WEBHOOK_URL is referenced by the configuration but not passed as "
            + "OPS_WEBHOOK_URL: ${env('OPS_WEBHOOK_URL')} (got '${env('OPS_URL')}')"),
        unpassed("alerts:\n  - { type: webhook, url: \"${env:OPS_WEBHOOK_URL}\" }\n", intlRenamed));
  }

  private static Set<String> resources(String sYaml) throws Exception {
    Set<String> out = new TreeSet<>();
    DeployFilesTest.YAML.readTree(sYaml).path("resources").fieldNames().forEachRemaining(out::add);
    return out;
  }
}
