package io.github.sparkroleguard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold starts as Function Compute sees them, for bench/coldstart.sh: each variant is a fresh
 * process, timed from launch to the first event answered, and the variants are interleaved
 * round after round so that a shared machine's noise falls on all of them alike. Three kinds:
 * <ul>
 *   <li>{@code exit}: to the process's exit (the bare "hello" JVMs);
 *   <li>{@code line}: to a line "answered" on its stdout (the managed java11 entry point,
 *       {@link FcColdStart}: initializer, then the first event, in one fresh JVM);
 *   <li>{@code http:PORT}: a custom runtime: poll the port until it accepts (FC's own check),
 *       {@code POST /initialize}, {@code POST /invoke} with the event, to the last byte of the
 *       answer, which must say "drifted". The process is then killed.
 *   <li>{@code realistic:PORT}: the same against a {@link RealisticAccount} (in this JVM, made on
 *       first use from the event in the system property {@code bench.realistic.event}, files under
 *       {@code cli/target/bench/realistic}): before each run the account is broken again and the
 *       process gets that run's configuration and event; the run must restore and alert.
 * </ul>
 * This driver runs outside the CPU limit; the commands carry their own limit (bench/cpulimit.sh).
 * With a fourth argument, a command printing the CPU time used so far in the limit's cgroup in
 * microseconds ({@code bash bench/cpulimit.sh usage}), each run's CPU time is measured too (read
 * after the answer, before the kill): on a shared machine, where waiting for a core inflates
 * every wall time, it is the figure the machine's load barely moves.
 *
 * <p>Usage: {@code ColdStartRun ROUNDS EVENT_FILE VARIANTS_FILE [USAGE_COMMAND]}; a variants
 * line is {@code name<TAB>kind<TAB>command words}. Prints one line per variant: name, median
 * wall ms, median CPU ms (-1 without a usage command), the wall times, the CPU times.
 */
public final class ColdStartRun {
  private static final long TIMEOUT_MS = 60_000;

  private static RealisticAccount realistic;

  private ColdStartRun() {}

  private static synchronized RealisticAccount realistic() throws IOException {
    if (realistic == null) {
      realistic = new RealisticAccount(Path.of("cli/target/bench/realistic"),
          Files.readAllBytes(Path.of(System.getProperty("bench.realistic.event"))),
          System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
    }
    return realistic;
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    Map<String, String[]> variants = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[2]))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] f = line.split("\t", 3);
        variants.put(f[0], new String[] {f[1], f[2]});
      }
    }
    String[] usage = args.length > 3 ? args[3].trim().split("\\s+") : null;
    Map<String, List<Long>> times = new LinkedHashMap<>();
    Map<String, List<Long>> cpu = new LinkedHashMap<>();
    variants.keySet().forEach(k -> {
      times.put(k, new ArrayList<>());
      cpu.put(k, new ArrayList<>());
    });
    for (int r = -1; r < rounds; r++) {
      for (Map.Entry<String, String[]> v : variants.entrySet()) {
        long[] ms = once(v.getValue()[0], v.getValue()[1].trim().split("\\s+"), event, usage);
        if (r >= 0) {
          times.get(v.getKey()).add(ms[0]);
          cpu.get(v.getKey()).add(ms[1]);
        }
      }
    }
    for (String k : times.keySet()) {
      System.out.println(k + "\t" + median(times.get(k)) + "\t" + median(cpu.get(k)) + "\t" + times.get(k) + "\t" + cpu.get(k));
    }
    if (realistic != null) {
      realistic.close();
    }
  }

  private static long median(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[(sorted.length - 1) / 2];
  }

  /** CPU microseconds used so far in the limit's cgroup; -1 without a usage command. */
  private static long cpuMicros(String[] usage) throws Exception {
    if (usage == null) {
      return -1;
    }
    Process p = new ProcessBuilder(usage).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return Long.parseLong(out);
  }

  /**
   * One fresh process of one variant: wall and CPU milliseconds. The first round (r = -1) only
   * checks that it works.
   */
  static long[] once(String kind, String[] command, byte[] event, String[] usage) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    int run = 0;
    if (kind.startsWith("realistic:")) {
      run = realistic().prepare();
      pb.environment().putAll(realistic().environment(run));
    }
    long cpu0 = cpuMicros(usage);
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      if (kind.equals("exit")) {
        drain(p.getInputStream());
        if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", command) + " failed");
        }
      } else if (kind.equals("line")) {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = r.readLine()) != null && !line.equals("answered")) {
          seen.append(line).append('\n');
        }
        if (line == null) {
          throw new IllegalStateException(String.join(" ", command) + " never answered:\n" + seen);
        }
      } else if (kind.startsWith("http:") || kind.startsWith("realistic:")) {
        int port = Integer.parseInt(kind.substring(kind.indexOf(':') + 1));
        drainInBackground(p.getInputStream());
        awaitPort(port, p);
        post(port, "/initialize", new byte[0]);
        String answer = post(port, "/invoke", run > 0 ? realistic().event(run) : event);
        if (run > 0) {
          realistic().check(answer);
        } else if (!answer.contains("\"drifted\"")) {
          throw new IllegalStateException("the custom runtime did not report the drift: " + answer);
        }
      } else {
        throw new IllegalArgumentException("unknown kind " + kind);
      }
      long wall = (System.nanoTime() - t0) / 1_000_000;
      long cpu1 = cpuMicros(usage);
      return new long[] {wall, usage == null ? -1 : (cpu1 - cpu0) / 1000};
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  private static void awaitPort(int port, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 100);
        return;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException("the custom runtime exited with " + p.exitValue());
        }
        Thread.sleep(3);
      }
    }
    throw new IllegalStateException("port " + port + " never opened");
  }

  private static String post(int port, String path, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
    c.setReadTimeout((int) TIMEOUT_MS);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("x-fc-request-id", "bench-" + path.substring(1));
    c.setRequestProperty("Content-Type", "application/octet-stream");
    try (OutputStream os = c.getOutputStream()) {
      os.write(body);
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (status != 200) {
        throw new IllegalStateException(path + " answered " + status + ": " + text);
      }
      return text;
    }
  }

  private static void drain(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }

  private static void drainInBackground(InputStream in) {
    Thread t = new Thread(() -> {
      try {
        drain(in);
      } catch (IOException ignored) {
        // the process was killed
      }
    });
    t.setDaemon(true);
    t.start();
  }
}
