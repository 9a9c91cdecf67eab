package io.github.sparkroleguard.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every mistake on the command line is one line on stderr and exit code 2, never a stack trace;
 * every command has --help. (An integration test because one case holds a loopback port.)
 */
class CommandLineIT {
  @TempDir
  Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    out.reset();
    err.reset();
    return Main.run(List.of(args), Map.<String, String>of()::get, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Exit 2 with exactly one line on stderr containing each fragment, and nothing like a stack trace. */
  private void assertUsageError(String[] args, String... fragments) throws Exception {
    assertEquals(2, run(args), String.join(" ", args) + ": " + stderr());
    String e = stderr();
    assertEquals(1, e.strip().split("\n").length, "one line: " + e);
    assertFalse(e.contains("Exception") || e.contains("\tat "), "no stack trace: " + e);
    for (String f : fragments) {
      assertTrue(e.contains(f), "'" + f + "' in: " + e);
    }
  }

  @Test
  void history_hoursNotANumber_isOneLineAndExit2() throws Exception {
    assertUsageError(new String[] {"history", "--role", "r", "--hours", "abc"}, "--hours", "'abc'", "1 to 2160");
    assertUsageError(new String[] {"history", "--role", "r", "--hours", "0"}, "--hours");
  }

  @Test
  void emulator_portNotANumber_isOneLineAndExit2() throws Exception {
    assertUsageError(new String[] {"emulator", "--port", "abc"}, "--port", "'abc'");
    assertUsageError(new String[] {"emulator", "--port", "70000"}, "--port");
  }

  @Test
  void emulator_portInUse_isOneLineAndExit2() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertUsageError(new String[] {"emulator", "--port", Integer.toString(busy.getLocalPort())}, "in use",
          Integer.toString(busy.getLocalPort()));
    }
  }

  @Test
  void missingFiles_areOneLineNamingTheOption() throws Exception {
    assertUsageError(new String[] {"invoke", "--event", "/missing.json"}, "--event /missing.json", "no such file");
    assertUsageError(new String[] {"emulator", "--port", "0", "--state", "/missing-state.json"}, "--state", "no such file");
    assertUsageError(new String[] {"emulator", "--port", "0", "--apply", "/missing-event.json"}, "--apply", "no such file");
    assertUsageError(new String[] {"scan", "--config", "/missing.yaml"}, "--config /missing.yaml", "no such file");
  }

  @Test
  void emulator_stateOrEventThatIsNotJson_isOneLine() throws Exception {
    Path junk = dir.resolve("junk.json");
    Files.writeString(junk, "{not json");
    assertUsageError(new String[] {"emulator", "--port", "0", "--state", junk.toString()}, "--state", "not an emulator state");
  }

  @Test
  void unknownCommandOrArgument_isOneLine() throws Exception {
    assertUsageError(new String[] {"frobnicate"}, "unknown command frobnicate");
    assertUsageError(new String[] {"scan", "--rol", "x"}, "unknown argument --rol", "scan --help");
    assertUsageError(new String[] {"check"}, "--role is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "invoke", "check", "restore", "scan", "history", "baseline", "function-policy", "control-policy",
      "emulator"})
  void help_onEveryCommand_printsItsUsageAndExitCodes(String command) throws Exception {
    assertEquals(0, run(command, "--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.startsWith("usage: java -jar spark-role-guard.jar " + command), help);
    assertTrue(help.contains("0 done, 1 the invocation failed"), help);
    assertTrue(help.contains("2 usage or configuration error"), help);
  }

  @Test
  void help_listsEveryCommandAndTheExitCodes() throws Exception {
    assertEquals(0, run("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String c : List.of("demo", "invoke", "check", "restore", "scan", "history", "baseline", "function-policy", "control-policy",
        "emulator")) {
      assertTrue(help.contains("\n  " + c + " "), c + " in " + help);
    }
    assertTrue(help.contains("Exit codes: 0 done, 1 the invocation failed (as FC would record it), 2 usage or configuration error."),
        help);
  }

  @Test
  void config_tabIndentation_namesConfigLineColumnAndTheTab() throws Exception {
    Path config = dir.resolve("guard.yaml");
    Files.writeString(config, "ram:\n\tendpoint: http://127.0.0.1:1\n");
    assertUsageError(new String[] {"scan", "--config", config.toString()}, "--config " + config, "line 2, column 1", "tab");
    assertFalse(stderr().contains("GUARD_CONFIG"), stderr());
  }

  @Test
  void config_syntaxError_givesLineAndColumn() throws Exception {
    Path config = dir.resolve("guard.yaml");
    Files.writeString(config, "mode: alert\nroles:\n  - name: a\n    mode: [restore\n");
    assertUsageError(new String[] {"function-policy", "--config", config.toString()}, "--config " + config, "line ", "column ");
  }

  @Test
  void emulatorHint_namesTheActionTrailEndpoint() {
    String hint = EmulatorCommand.hint("http://127.0.0.1:18080");
    assertTrue(hint.contains("ram: { endpoint: http://127.0.0.1:18080 }"), hint);
    assertTrue(hint.contains("actiontrail: { endpoint: http://127.0.0.1:18080 }"), hint);
  }
}
