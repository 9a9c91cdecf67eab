package io.github.sparkroleguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The custom runtime as FC starts it: its own process ({@code CustomRuntime.main}, what
 * {@code bootstrap} execs), nothing connected yet. Every thread of the runtime is a daemon (tests
 * start and close runtimes inside one JVM), so the process must be held up by {@code main}
 * itself: FC polls the port and sends {@code /initialize} only later.
 * It waits on a child JVM, so it runs beside the other classes.
 */
@Execution(ExecutionMode.CONCURRENT)
class CustomRuntimeProcessIT {
  @TempDir
  Path dir;

  @Test
  void main_keepsTheProcessServing_untilItIsStopped() throws Exception {
    try (CloudEmulator emulator = new CloudEmulator(SampleAccount.healthy(Clock.systemUTC()), 0, Clock.systemUTC())) {
      emulator.allow(Caller.ramUser("local-operator", "STS.ProcessKey0001", "process-secret-not-real"));
      Path config = dir.resolve("guard.yaml");
      Files.writeString(config, "ram: { endpoint: '" + emulator.endpoint() + "' }\nactiontrail: { endpoint: '"
          + emulator.endpoint() + "' }\n");
      int port;
      try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      ProcessBuilder pb = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"),
          CustomRuntime.class.getName()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("runtime.log").toFile());
      pb.environment().put("FC_SERVER_PORT", Integer.toString(port));
      pb.environment().put("GUARD_CONFIG", config.toString());
      pb.environment().put("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.ProcessKey0001");
      pb.environment().put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "process-secret-not-real");
      Process p = pb.start();
      try {
        awaitPort(port, p);
        // FC connects when it is ready, not at once: a process with no connection yet must still be there
        assertTrue(!p.waitFor(2, TimeUnit.SECONDS), "the runtime exited before FC's first request: "
            + Files.readString(dir.resolve("runtime.log")));
        assertEquals(200, post(port, "/initialize", new byte[0]));
        assertEquals(200, post(port, "/invoke", Files.readAllBytes(Path.of("events/skip-unrelated-service.json"))));
        assertTrue(p.isAlive(), "the runtime exited after its first invocation");
      } finally {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void awaitPort(int port, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        return;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          return; // the assertion after says so
        }
        Thread.sleep(20);
      }
    }
  }

  private static int post(int port, String path, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
    c.setReadTimeout(60_000);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("x-fc-request-id", "process-it" + path.replace('/', '-'));
    try (OutputStream os = c.getOutputStream()) {
      os.write(body);
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return status;
  }
}
