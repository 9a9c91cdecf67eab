package io.github.sparkroleguard.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decision core stays pure: the packages that compare, decide and plan (drift, policy,
 * event, restore, decision) reach no cloud SDK, network, file system, clock or HTTP client, so
 * they are tested with plain values and never wait. Checked on the source text: every import
 * and every fully qualified use.
 */
class PureCoreTest {
  static final Path MAIN = Path.of("core/src/main/java/io/github/sparkroleguard");
  static final List<String> PURE = List.of("drift", "policy", "event", "restore", "decision");

  /** What pure code must not touch, with why. */
  static final List<Rule> RULES = List.of(
      new Rule("an Alibaba Cloud SDK", "\\bcom\\.aliyun"),
      new Rule("the network", "\\bjava\\.net\\b"),
      new Rule("the file system", "\\bjava\\.nio\\.file\\b|\\bjava\\.io\\.File\\b"),
      new Rule("a clock", "\\bjava\\.time\\.Clock\\b|\\b(Instant|LocalDateTime|ZonedDateTime|OffsetDateTime)\\.now\\(|"
          + "System\\.(currentTimeMillis|nanoTime)\\(|Thread\\.sleep\\("),
      new Rule("an HTTP client", "\\bjava\\.net\\.http\\b|\\borg\\.apache\\.http\\b|\\bokhttp3\\b|JdkHttpClient|HttpURLConnection"),
      // The cloud error type is the ports' contract (a code and a message, no I/O): pure code may name it.
      new Rule("the SDK adapters", "\\bsparkroleguard\\.(transport\\.(?!CloudCallException\\b)|trail\\.Sdk|ram\\.Sdk|rm\\.Sdk|state\\.Oss)"));

  static final class Rule {
    final String what;
    final Pattern pattern;

    Rule(String what, String regex) {
      this.what = what;
      this.pattern = Pattern.compile(regex);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"drift", "policy", "event", "restore", "decision"})
  void purePackage_importsNoSdkNetworkFileClockOrHttpClient(String pkg) throws IOException {
    List<String> violations = violations(MAIN.resolve(pkg));
    assertEquals(List.of(), violations, pkg + " must stay pure");
  }

  /** The fan-out's plan (issue 25) lives beside the fleet's I/O but is pure, so it is held here by file. */
  @Test
  void shardPlan_isPure() throws IOException {
    assertEquals(List.of(), violations(MAIN.resolve("fleet/ShardPlan.java")), "fleet/ShardPlan must stay pure");
  }

  /** A role pass's decide and outcome steps (issue 24) live beside its I/O but are pure, so they are held here by file. */
  @ParameterizedTest
  @ValueSource(strings = {"guard/RoleStep.java", "guard/RoleOutcome.java"})
  void rolePassSteps_arePure(String file) throws IOException {
    assertEquals(List.of(), violations(MAIN.resolve(file)), file + " must stay pure");
  }

  @Test
  void rules_catchWhatTheyAreFor() {
    String bad = String.join("\n", "import com.aliyuncs.IAcsClient;", "import java.net.URI;",
        "import java.nio.file.Files;", "import java.time.Clock;", "Instant t = Instant.now();",
        "import java.net.http.HttpClient;", "import io.github.sparkroleguard.transport.Retrier;");
    List<String> found = new ArrayList<>();
    for (Rule r : RULES) {
      if (r.pattern.matcher(bad).find()) {
        found.add(r.what);
      }
    }
    assertEquals(RULES.stream().map(r -> r.what).collect(Collectors.toList()), found, "every rule fires on its example");
    assertFalse(RULES.stream().anyMatch(r -> r.pattern.matcher("import java.time.Instant;\nimport java.time.Duration;").find()),
        "passing time in as a value is fine");
  }

  @Test
  void purePackages_exist() {
    PURE.forEach(p -> assertTrue(Files.isDirectory(MAIN.resolve(p)), p));
  }

  static List<String> violations(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
        String[] lines = Files.readString(f).split("\n");
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i].trim();
          if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
            continue; // documentation may name what the code must not use
          }
          for (Rule r : RULES) {
            Matcher m = r.pattern.matcher(line);
            if (m.find()) {
              out.add(dir.relativize(f) + ":" + (i + 1) + " uses " + r.what + ": " + line);
            }
          }
        }
      }
    }
    return out;
  }
}
