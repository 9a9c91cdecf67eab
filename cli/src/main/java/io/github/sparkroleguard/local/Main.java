package io.github.sparkroleguard.local;

import io.github.sparkroleguard.config.ConfigException;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.ram.SdkWarmup;
import io.github.sparkroleguard.transport.CredentialsHolder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The command line, in the same jar as the function. Every guard command goes through
 * {@link GuardRuntime#invoke}, the very code path FC runs. Exit codes: 0 done, 1 the invocation
 * failed (as FC would record it), 2 bad usage or configuration - always one line on stderr,
 * never a stack trace.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(Arrays.asList(args), System::getenv, System.out, System.err);
    } catch (Exception e) {
      System.err.println("spark-role-guard: unexpected " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
      code = 1;
    }
    System.exit(code);
  }

  static int run(List<String> args, Function<String, String> env, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
      (args.isEmpty() ? err : out).println(Usage.all());
      return args.isEmpty() ? 2 : 0;
    }
    Usage.Command command = Usage.of(args.get(0));
    if (command == null) {
      err.println("spark-role-guard: unknown command " + firstLine(args.get(0)) + " (run with --help for the commands)");
      return 2;
    }
    try {
      Args a = new Args(args.subList(1, args.size()), command.valued, command.flags);
      if (a.flag("--help")) {
        out.println(command.help());
        return 0;
      }
      return run(command.name, a, env, out, err);
    } catch (Args.UsageException e) {
      err.println("spark-role-guard " + command.name + ": " + firstLine(e.getMessage())
          + " (run '" + command.name + " --help')");
      return 2;
    } catch (ConfigException e) {
      err.println("configuration error: " + firstLine(e.getMessage()));
      return 2;
    }
  }

  private static int run(String name, Args a, Function<String, String> env, PrintStream out, PrintStream err)
      throws Exception {
    switch (name) {
      case "demo":
        return new Demo(out, a.get("--out")).run();
      case "invoke":
        return invoke(a.file("--event"), a, env, out, err);
      case "check":
      case "restore": {
        String payload = Json.write(Json.object().put("action", name).put("roleName", a.require("--role")));
        return invoke(payload.getBytes(StandardCharsets.UTF_8), a, env, out, err);
      }
      case "history": {
        String payload = Json.write(Json.object().put("action", "history").put("roleName", a.require("--role"))
            .put("hours", a.integer("--hours", 24, 1, 2160)));
        return invoke(payload.getBytes(StandardCharsets.UTF_8), a, env, out, err);
      }
      case "baseline": {
        String payload = Json.write(Json.object().put("action", "baseline").put("roleName", a.require("--role")));
        return baseline(payload.getBytes(StandardCharsets.UTF_8), a, env, out, err);
      }
      case "scan":
        return invoke("{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8), a, env, out, err);
      case "function-policy":
      {
        com.fasterxml.jackson.databind.node.ObjectNode policies =
            io.github.sparkroleguard.deploy.CentralPolicy.output(config(a, env));
        out.println(Json.pretty(policies));
        int n = policies.path("policies").size();
        if (n > io.github.sparkroleguard.deploy.FunctionRolePolicy.MAX_CUSTOM_POLICIES_PER_ROLE) {
          err.println("note: " + n + " policies; a RAM role takes " + io.github.sparkroleguard.deploy.FunctionRolePolicy
              .MAX_CUSTOM_POLICIES_PER_ROLE + " custom policies unless you raise the quota (RAM console, Quotas)");
        }
        return 0;
      }
      case "member-template": {
        String part = a.get("--part") == null ? "roles" : a.get("--part");
        if (!part.equals("roles") && !part.equals("rule")) {
          throw new Args.UsageException("--part: roles (once per member) or rule (in each event region), not '" + part + "'");
        }
        GuardConfig config = config(a, env);
        out.println(Json.pretty(part.equals("roles") ? io.github.sparkroleguard.deploy.MemberTemplate.roles(config)
            : io.github.sparkroleguard.deploy.MemberTemplate.rule(config)));
        return 0;
      }
      case "central-template":
        out.println(Json.pretty(io.github.sparkroleguard.deploy.CentralTemplate.generate(config(a, env))));
        return 0;
      case "control-policy": {
        GuardConfig config = config(a, env);
        // With many accounts, every member's own role is excepted there (ControlPolicyScope).
        out.println(Json.pretty(io.github.sparkroleguard.deploy.ControlPolicy.generate(config)));
        return 0;
      }
      case "doctor":
        return doctor(a, env, out, err);
      case "event-pattern":
        out.println(io.github.sparkroleguard.deploy.EventPattern.forRam());
        return 0;
      case "emulator":
        return EmulatorCommand.run(a, env, out);
      default:
        throw new IllegalStateException("no handler for " + name);
    }
  }

  /** --config FILE if given (errors then name --config), else GUARD_CONFIG, else the bundled file. */
  private static GuardConfig config(Args a, Function<String, String> env) {
    String file = a.get("--config");
    if (file == null) {
      return ConfigLoader.fromEnvironment(env);
    }
    Args.read("--config", file); // a missing or unreadable file is a usage error naming --config
    try {
      return ConfigLoader.load(Path.of(file), env);
    } catch (ConfigException e) {
      throw new ConfigException("--config " + file + ": " + e.getMessage());
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static int invoke(byte[] payload, Args a, Function<String, String> env, PrintStream out, PrintStream err) {
    InvocationResult result = run(payload, a, env, err);
    print(result, out);
    if (!result.ok()) {
      err.println("invocation failed: " + result.failure());
      return 1;
    }
    return 0;
  }

  /** doctor: one line per finding (or the JSON with --json); exit 1 when any finding fails. */
  private static int doctor(Args a, Function<String, String> env, PrintStream out, PrintStream err) {
    String payload = Json.write(Json.object().put("action", "doctor").put("sendTest", a.flag("--send-test")));
    InvocationResult result = run(payload.getBytes(StandardCharsets.UTF_8), a, env, err);
    if (a.flag("--json") || !result.json().has("checks")) {
      print(result, out);
    } else {
      out.print(io.github.sparkroleguard.doctor.DoctorText.render(result.json()));
    }
    if (!result.ok()) {
      err.println("doctor: " + result.failure());
      return 1;
    }
    return 0;
  }

  /** baseline: the snippet to stdout, the documents as files under --out. */
  private static int baseline(byte[] payload, Args a, Function<String, String> env, PrintStream out, PrintStream err)
      throws IOException {
    InvocationResult result = run(payload, a, env, err);
    if (!result.ok()) {
      print(result, out);
      err.println("invocation failed: " + result.failure());
      return 1;
    }
    Path dir = Path.of(a.get("--out") == null ? "baseline" : a.get("--out"));
    var fields = result.json().path("documents").fields();
    while (fields.hasNext()) {
      var doc = fields.next();
      Path file = dir.resolve(doc.getKey()).normalize();
      if (!file.startsWith(dir.normalize())) {
        throw new IllegalStateException("refusing to write outside " + dir + ": " + doc.getKey());
      }
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, doc.getValue().asText());
      } catch (IOException e) {
        throw new Args.UsageException("--out " + dir + ": cannot write " + file + " (" + e.getClass().getSimpleName() + ")");
      }
      err.println("wrote " + file);
    }
    out.println("# Add to your guard.yaml (paths relative to it; the documents are under " + dir + "):");
    out.print(result.json().path("snippet").asText());
    return 0;
  }

  private static InvocationResult run(byte[] payload, Args a, Function<String, String> env, PrintStream err) {
    SdkWarmup.start(); // readies the SDK's first call while the configuration is read
    GuardConfig config = config(a, env);
    if (a.flag("--dry-run")) {
      config = config.withDryRun(true);
    }
    return GuardRuntime.build(config, env, err::println).invoke(payload);
  }

  private static void print(InvocationResult result, PrintStream out) {
    out.println(Json.pretty(result.json()));
  }
}
