package io.github.sparkroleguard.local;

import io.github.sparkroleguard.config.ConfigException;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.config.GuardConfig;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EmulatedRam;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.RamEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
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
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The command line, in the same jar as the function. Every guard command goes through
 * {@link GuardRuntime#invoke}, the very code path FC runs. Exit codes: 0 success, 1 the
 * invocation failed (as FC would record it), 2 bad usage or configuration.
 */
public final class Main {
  static final String USAGE = String.join("\n",
      "usage: java -jar spark-role-guard.jar COMMAND [options]",
      "  demo                                 run the guard against an embedded emulator and tell the story",
      "  invoke  --event FILE [--config FILE] [--dry-run]   handle one payload (event, timer or command)",
      "  check   --role NAME  [--config FILE]               compare one role with its baseline",
      "  restore --role NAME  [--config FILE] [--dry-run]   put one role back to its baseline",
      "  scan                 [--config FILE]               check every protected role",
      "  history --role NAME  [--hours N] [--config FILE]   who changed the role or its policies (ActionTrail)",
      "  baseline --role NAME [--out DIR] [--config FILE]   print the live role as a config snippet to pin",
      "  function-policy      [--config FILE]               print the least-privilege RAM policy for the guard's own role",
      "  control-policy       [--config FILE]               print the Resource Directory control policy that prevents edits of the protected roles",
      "  emulator [--port N] [--state FILE] [--save FILE] [--apply EVENT_FILE]   run the RAM/ActionTrail emulator",
      "Configuration: --config, else GUARD_CONFIG, else the file bundled in the jar.",
      "Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET [, ALIBABA_CLOUD_SECURITY_TOKEN].");

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(Arrays.asList(args), System::getenv, System.out, System.err));
  }

  static int run(List<String> args, Function<String, String> env, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      out.println(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      switch (args.get(0)) {
        case "demo":
          return new Demo(out, new Args(rest, Set.of("--out"), Set.of()).get("--out")).run();
        case "invoke": {
          Args a = new Args(rest, Set.of("--event", "--config"), Set.of("--dry-run"));
          return invoke(Files.readAllBytes(Path.of(a.require("--event"))), a, env, out, err);
        }
        case "check":
        case "restore": {
          Args a = new Args(rest, Set.of("--role", "--config"), Set.of("--dry-run"));
          String payload = Json.write(Json.object().put("action", args.get(0)).put("roleName", a.require("--role")));
          return invoke(payload.getBytes(StandardCharsets.UTF_8), a, env, out, err);
        }
        case "history": {
          Args a = new Args(rest, Set.of("--role", "--hours", "--config"), Set.of());
          String payload = Json.write(Json.object().put("action", "history").put("roleName", a.require("--role"))
              .put("hours", Integer.parseInt(a.get("--hours") == null ? "24" : a.get("--hours"))));
          return invoke(payload.getBytes(StandardCharsets.UTF_8), a, env, out, err);
        }
        case "baseline": {
          Args a = new Args(rest, Set.of("--role", "--out", "--config"), Set.of());
          String payload = Json.write(Json.object().put("action", "baseline").put("roleName", a.require("--role")));
          return baseline(payload.getBytes(StandardCharsets.UTF_8), a, env, out, err);
        }
        case "scan": {
          Args a = new Args(rest, Set.of("--config"), Set.of("--dry-run"));
          return invoke("{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8), a, env, out, err);
        }
        case "function-policy": {
          Args a = new Args(rest, Set.of("--config"), Set.of());
          String file = a.get("--config");
          GuardConfig config = file != null ? ConfigLoader.load(Path.of(file), env) : ConfigLoader.fromEnvironment(env);
          out.println(Json.pretty(io.github.sparkroleguard.deploy.FunctionRolePolicy.generate(config)));
          return 0;
        }
        case "control-policy": {
          Args a = new Args(rest, Set.of("--config"), Set.of());
          String file = a.get("--config");
          GuardConfig config = file != null ? ConfigLoader.load(Path.of(file), env) : ConfigLoader.fromEnvironment(env);
          out.println(Json.pretty(io.github.sparkroleguard.deploy.ControlPolicy.generate(config)));
          return 0;
        }
        case "emulator":
          return emulator(new Args(rest, Set.of("--port", "--state", "--apply", "--save"), Set.of()), env, out);
        default:
          err.println("unknown command " + args.get(0) + "\n" + USAGE);
          return 2;
      }
    } catch (Args.UsageException e) {
      err.println(e.getMessage() + "\n" + USAGE);
      return 2;
    } catch (ConfigException e) {
      err.println("configuration error: " + e.getMessage());
      return 2;
    }
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
      Files.createDirectories(file.getParent());
      Files.writeString(file, doc.getValue().asText());
      err.println("wrote " + file);
    }
    out.println("# Add to your guard.yaml (paths relative to it; the documents are under " + dir + "):");
    out.print(result.json().path("snippet").asText());
    return 0;
  }

  private static InvocationResult run(byte[] payload, Args a, Function<String, String> env, PrintStream err) {
    SdkWarmup.start(); // readies the SDK's first call while the configuration is read
    String file = a.get("--config");
    GuardConfig config = file != null ? ConfigLoader.load(Path.of(file), env) : ConfigLoader.fromEnvironment(env);
    if (a.flag("--dry-run")) {
      config = config.withDryRun(true);
    }
    return GuardRuntime.build(config, env, err::println).invoke(payload);
  }

  private static void print(InvocationResult result, PrintStream out) {
    out.println(Json.pretty(result.json()));
  }

  private static int emulator(Args a, Function<String, String> env, PrintStream out) throws Exception {
    int port = Integer.parseInt(a.get("--port") == null ? "18080" : a.get("--port"));
    String state = a.get("--state");
    Clock clock = Clock.systemUTC();
    try (RamEmulator emu = new RamEmulator(state == null ? SampleAccount.healthy(clock) : EmulatedRam.load(Path.of(state)),
        port, clock)) {
      String id = env.apply(CredentialsHolder.ENV_ID);
      String secret = env.apply(CredentialsHolder.ENV_SECRET);
      if (id == null || secret == null) {
        id = Demo.GUARD_KEY_ID;
        secret = Demo.GUARD_KEY_SECRET;
        out.println("no ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET set: accepting the demo's local key " + id
            + " (see the README, 'Running it locally')");
      }
      emu.allow(Caller.ramUser("local-operator", id, secret));
      if (a.get("--apply") != null) {
        EventReplay.apply(emu, Json.parse(Files.readAllBytes(Path.of(a.get("--apply")))));
        out.println("applied " + a.get("--apply"));
      }
      if (a.get("--save") != null) {
        Path save = Path.of(a.get("--save"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            emu.ram().save(save);
          } catch (IOException e) {
            System.err.println("could not save the emulator state: " + e.getMessage());
          }
        }));
      }
      out.println("RAM/ActionTrail emulator listening on " + emu.endpoint() + " (Ctrl-C to stop)");
      out.println("point the guard at it with   ram: { endpoint: " + emu.endpoint() + " }");
      new CountDownLatch(1).await();
      return 0;
    }
  }
}
