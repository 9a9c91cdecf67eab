package io.github.sparkroleguard.local;

import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EmulatedRam;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.CredentialsHolder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code emulator}: the cloud emulator (RAM, ActionTrail, Resource Management, OSS, ...) on loopback until Ctrl-C. Everything that can be
 * wrong with its options (a port that is not a number or is taken, a state or event file that is
 * missing or unreadable) is found before it starts and reported as a usage error.
 */
final class EmulatorCommand {
  static final int DEFAULT_PORT = 18080;
  /** The emulator's OSS bucket, for the guard's shared state in local runs. */
  static final String LOCAL_BUCKET = "guard-state-local";

  private EmulatorCommand() {}

  static int run(Args a, Function<String, String> env, PrintStream out) throws InterruptedException {
    int port = a.integer("--port", DEFAULT_PORT, 0, 65535);
    AccountState state = a.get("--state") == null ? SampleAccount.healthy(Clock.systemUTC()) : state(a.get("--state"));
    byte[] apply = a.get("--apply") == null ? null : a.file("--apply");
    byte[] controlPolicy = a.get("--control-policy") == null ? null : a.file("--control-policy");
    byte[] deployment = a.get("--deployment") == null ? null : a.file("--deployment");
    Clock clock = Clock.systemUTC();
    CloudEmulator emu;
    try {
      emu = new CloudEmulator(state, port, clock);
    } catch (BindException e) {
      throw new Args.UsageException("--port " + port + ": the port is in use on 127.0.0.1 (choose another, or 0 for a free one)");
    } catch (IOException e) {
      throw new Args.UsageException("--port " + port + ": cannot listen on 127.0.0.1"
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
    try (emu) {
      String id = env.apply(CredentialsHolder.ENV_ID);
      String secret = env.apply(CredentialsHolder.ENV_SECRET);
      if (id == null || secret == null) {
        id = Demo.GUARD_KEY_ID;
        secret = Demo.GUARD_KEY_SECRET;
        out.println("no ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET set: accepting the demo's local key " + id
            + " (see the README, 'Running it locally')");
      }
      emu.allow(Caller.ramUser("local-operator", id, secret));
      if (controlPolicy != null) {
        try {
          // the output of `control-policy`: each policy it lists is attached to the emulated account
          for (com.fasterxml.jackson.databind.JsonNode p : Json.parse(controlPolicy).path("policies")) {
            emu.controlPolicies().attach(Json.write(p.path("policyDocument")));
          }
        } catch (IOException | RuntimeException e) {
          throw new Args.UsageException("--control-policy " + a.get("--control-policy")
              + ": not the output of control-policy (" + reason(e) + ")");
        }
        out.println("control policies from " + a.get("--control-policy") + " attached: the local key is a stranger to them");
      }
      emu.oss().createBucket(LOCAL_BUCKET);
      if (deployment != null) {
        try {
          // the output of `function-policy`: the guard as s.yaml deploys it, so `doctor` has something to check
          java.util.List<String> docs = new java.util.ArrayList<>();
          Json.parse(deployment).path("policies").forEach(p -> docs.add(Json.write(p.path("policyDocument"))));
          if (docs.isEmpty()) {
            throw new IllegalArgumentException("no policies");
          }
          io.github.sparkroleguard.emulator.SampleDeployment.install(emu, docs,
              io.github.sparkroleguard.deploy.EventPattern.forRam(), "spark-role-guard");
        } catch (IOException | RuntimeException e) {
          throw new Args.UsageException("--deployment " + a.get("--deployment") + ": not the output of function-policy ("
              + reason(e) + ")");
        }
        out.println("deployed as s.yaml does: role " + io.github.sparkroleguard.emulator.SampleDeployment.SELF_ROLE
            + " with the policies of " + a.get("--deployment") + ", an EventBridge rule in cn-hangzhou and ap-southeast-1");
      }
      if (apply != null) {
        try {
          EventReplay.apply(emu, Json.parse(apply));
        } catch (IOException | RuntimeException e) {
          throw new Args.UsageException("--apply " + a.get("--apply") + ": not an event the emulator can apply ("
              + reason(e) + ")");
        }
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
      out.println("Cloud emulator (RAM, ActionTrail, Resource Management, OSS) listening on " + emu.endpoint() + " (Ctrl-C to stop)");
      out.println(hint(emu.endpoint()));
      out.println("shared state (OSS, bucket " + LOCAL_BUCKET + "):   state: { store: oss, endpoint: \"" + emu.endpoint()
          + "\", bucket: " + LOCAL_BUCKET + ", secret: \"${env:GUARD_STATE_SECRET}\" }   (export GUARD_STATE_SECRET=$(openssl rand -hex 32))");
      new CountDownLatch(1).await();
      return 0;
    }
  }

  /** The configuration lines that point the guard at the emulator: RAM, ActionTrail and Resource Management. */
  static String hint(String endpoint) {
    return "point the guard at it with   ram: { endpoint: " + endpoint + " }\n"
        + "                             actiontrail: { endpoint: " + endpoint + " }"
        + "   (without it, attribution waits on the real ActionTrail endpoint)\n"
        + "                             resourcemanager: { endpoint: " + endpoint + " }";
  }

  private static AccountState state(String file) {
    byte[] bytes = Args.read("--state", file);
    try {
      return EmulatedRam.load(bytes);
    } catch (IOException | RuntimeException e) {
      throw new Args.UsageException("--state " + file + ": not an emulator state file (" + reason(e) + ")");
    }
  }

  private static String reason(Exception e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      com.fasterxml.jackson.core.JsonLocation at = ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation();
      return "not valid JSON or unknown fields" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    return "unreadable";
  }
}
