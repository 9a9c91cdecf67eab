package io.github.sparkroleguard.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What each command accepts and says about itself: one place for the options Main parses and
 * the text {@code --help} prints, so the two cannot disagree.
 */
final class Usage {
  static final String EXIT_CODES =
      "Exit codes: 0 done, 1 the invocation failed (as FC would record it), 2 usage or configuration error.";
  static final String JAR = "java -jar spark-role-guard.jar";

  /** One command: its synopsis, what it does, its options with a value and its flags. */
  static final class Command {
    final String name;
    final String synopsis;
    final String summary;
    final Set<String> valued;
    final Set<String> flags;

    private Command(String name, String synopsis, String summary, Set<String> valued, Set<String> flags) {
      this.name = name;
      this.synopsis = synopsis;
      this.summary = summary;
      this.valued = valued;
      this.flags = flags;
    }

    /** The text {@code COMMAND --help} prints. */
    String help() {
      return "usage: " + JAR + " " + name + (synopsis.isEmpty() ? "" : " " + synopsis) + "\n  " + summary + "\n"
          + CONFIG + "\n" + EXIT_CODES;
    }
  }

  private static final String CONFIG = "Configuration: --config FILE, else GUARD_CONFIG, else the file bundled in the jar.";
  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    add("demo", "[--out DIR]", "run the guard against an embedded emulator and tell the story",
        Set.of("--out"), Set.of());
    add("invoke", "--event FILE [--config FILE] [--dry-run]", "handle one payload (event, timer or command)",
        Set.of("--event", "--config"), Set.of("--dry-run"));
    add("check", "--role NAME [--config FILE]", "compare one role with its baseline",
        Set.of("--role", "--config"), Set.of("--dry-run"));
    add("restore", "--role NAME [--config FILE] [--dry-run]", "put one role back to its baseline",
        Set.of("--role", "--config"), Set.of("--dry-run"));
    add("scan", "[--config FILE] [--dry-run]", "check every protected role", Set.of("--config"), Set.of("--dry-run"));
    add("history", "--role NAME [--hours N] [--config FILE]",
        "who changed the role or its policies (ActionTrail); N from 1 to 2160, default 24",
        Set.of("--role", "--hours", "--config"), Set.of());
    add("baseline", "--role NAME [--out DIR] [--config FILE]", "print the live role as a config snippet to pin",
        Set.of("--role", "--out", "--config"), Set.of());
    add("function-policy", "[--config FILE]", "print the least-privilege RAM policy for the guard's own role",
        Set.of("--config"), Set.of());
    add("control-policy", "[--config FILE]",
        "print the Resource Directory control policy that prevents edits of the protected roles",
        Set.of("--config"), Set.of());
    add("member-template", "[--part roles|rule] [--config FILE]",
        "print a member-side ROS template of a central guard: roles (the member role, once per account) or rule "
            + "(the event routing, in each event region) (README, Many accounts)",
        Set.of("--config", "--part"), Set.of());
    add("central-template", "[--config FILE]",
        "print the central account's ROS template: the bus, each member's routing role, the rule invoking the guard",
        Set.of("--config"), Set.of());
    add("doctor", "[--config FILE] [--send-test] [--json]",
        "check every assumption of the guard in the account; exit 1 when a check fails; --send-test messages every "
            + "alert channel", Set.of("--config"), Set.of("--send-test", "--json"));
    add("event-pattern", "", "print the EventBridge event pattern that feeds the guard (for a rule made by hand)",
        Set.of(), Set.of());
    add("emulator", "[--port N] [--state FILE] [--save FILE] [--apply EVENT_FILE] [--control-policy FILE] [--deployment FILE]",
        "run the cloud emulator (RAM, ActionTrail, Resource Management, OSS) on 127.0.0.1 (port default 18080, 0 picks a free one)",
        Set.of("--port", "--state", "--apply", "--save", "--control-policy", "--deployment"), Set.of());
  }

  private Usage() {}

  private static void add(String name, String synopsis, String summary, Set<String> valued, Set<String> flags) {
    COMMANDS.put(name, new Command(name, synopsis, summary, valued, flags));
  }

  /** Null for an unknown command. */
  static Command of(String name) {
    return COMMANDS.get(name);
  }

  /** The text plain {@code --help} prints: every command, configuration, credentials, exit codes. */
  static String all() {
    StringBuilder s = new StringBuilder("usage: " + JAR + " COMMAND [options]   (COMMAND --help for one command)\n");
    for (Command c : COMMANDS.values()) {
      String line = "  " + c.name + " " + c.synopsis;
      s.append(String.format("%-70s %s", line, c.summary)).append('\n');
    }
    return s.append(CONFIG).append('\n')
        .append("Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET [, ALIBABA_CLOUD_SECURITY_TOKEN].\n")
        .append(EXIT_CODES).toString();
  }
}
