package io.github.sparkroleguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.doctor.AotCacheStatus;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EventReplay;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.testing.TestJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both entry points against the emulator over loopback: the custom runtime's HTTP server driven as
 * FC drives it ({@code POST /initialize}, then {@code POST /invoke} with the common headers), and
 * the managed runtime's {@link GuardHandler} called directly; same configuration, same answers.
 * The function's credentials arrive only in FC's headers: the environment has none.
 */
class CustomRuntimeIT {
  static final Path EVENT = Path.of("events/eventbridge-delete-role-default.json");
  static final String KEY = "STS.FunctionRoleKey0007";
  static final String SECRET = "function-role-secret-QX3";
  static final String TOKEN = "function-role-token-LM9";

  @TempDir
  Path dir;
  CloudEmulator emulator;
  CustomRuntime server;
  final Map<String, String> env = new HashMap<>();
  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    emulator = new CloudEmulator(SampleAccount.healthy(Clock.systemUTC()), 0, Clock.systemUTC());
    emulator.allow(Caller.assumedRole("spark-role-guard-fc", "fc", KEY, SECRET, TOKEN));
    EventReplay.apply(emulator, TestJson.MAPPER.readTree(EVENT.toFile()));
    Path config = dir.resolve("guard.yaml");
    Files.writeString(config, "ram: { endpoint: '" + emulator.endpoint() + "' }\nactiontrail: { endpoint: '"
        + emulator.endpoint() + "' }\n");
    env.put("GUARD_CONFIG", config.toString());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    emulator.close();
  }

  private void serve() throws IOException {
    server = CustomRuntime.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new GuardHandler(env::get),
        new PrintStream(stdout, true, StandardCharsets.UTF_8));
  }

  @Test
  void invoke_afterInitialize_answersTheEventWithFcStatus200_usingTheHeaderCredentials() throws Exception {
    serve();
    Answer init = post("/initialize", new byte[0], "init-1", true);
    assertEquals(200, init.status);
    assertEquals("200", init.fcStatus);
    assertEquals(AotCacheStatus.sharing(System.getProperty("java.vm.info")), init.json().path("aotCache").asBoolean());
    assertEquals(System.getProperty("java.vm.version"), init.json().path("jvm").asText());

    Answer answer = post("/invoke", Files.readAllBytes(EVENT), "req-1", true);

    assertEquals(200, answer.status);
    assertEquals("200", answer.fcStatus);
    JsonNode role = answer.json().path("roles").get(0);
    assertEquals("AliyunEMRSparkJobRunDefaultRole", role.path("roleName").asText());
    assertEquals("drifted", role.path("status").asText());
    assertTrue(emulator.requests().stream().anyMatch(r -> r.action.equals("GetRole") && r.status == 404),
        "the guard read RAM live, signed with the keys from FC's headers");
    String log = stdout.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("AOT cache"), log);
    assertTrue(log.contains("FC Invoke Start RequestId: req-1") && log.contains("FC Invoke End RequestId: req-1"), log);
    assertFalse(log.contains(SECRET) || log.contains(TOKEN), "no secret in the instance's log");
    assertFalse(answer.body.contains(SECRET) || answer.body.contains(TOKEN), "no secret in the answer");
  }

  @Test
  void invoke_withoutInitializer_buildsTheGuardOnFirstUse() throws Exception {
    serve();
    Answer answer = post("/invoke", "{\"action\":\"check\",\"roleName\":\"AliyunEMRSparkJobRunDefaultRole\"}"
        .getBytes(StandardCharsets.UTF_8), "req-2", true);
    assertEquals(200, answer.status);
    assertEquals("drifted", answer.json().path("roles").get(0).path("status").asText());
  }

  @Test
  void invoke_guardFails_answers404WithTheResult_soFcRecordsAFailure() throws Exception {
    serve();
    Answer answer = post("/invoke", "{\"action\":\"scan\"}".getBytes(StandardCharsets.UTF_8), "req-3", false);

    assertEquals(404, answer.status);
    assertEquals("404", answer.fcStatus);
    assertEquals("GuardFailed", answer.json().path("error").path("code").asText(), answer.body);
    assertTrue(emulator.writes().isEmpty());
  }

  @Test
  void invoke_badInput_answers404WithAClearError_andNoRamCall() throws Exception {
    serve();
    Answer answer = post("/invoke", "not json".getBytes(StandardCharsets.UTF_8), "req-4", true);
    assertEquals(404, answer.status);
    assertEquals("BadInput", answer.json().path("error").path("code").asText());
    assertTrue(emulator.requests().isEmpty());
  }

  @Test
  void initialize_brokenConfiguration_answers404NamingTheProblem() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "mode: sometimes\n");
    env.put("GUARD_CONFIG", bad.toString());
    serve();
    Answer answer = post("/initialize", new byte[0], "init-2", true);
    assertEquals(404, answer.status);
    assertEquals("404", answer.fcStatus);
    assertTrue(answer.json().path("error").asText().contains("mode"), answer.body);
  }

  @Test
  void otherRoutes_answer404_withoutCallingTheGuard() throws Exception {
    serve();
    HttpURLConnection get = open("/invoke", "req-5", true);
    assertEquals(404, get.getResponseCode());
    assertNull(get.getHeaderField("x-fc-status"));
    assertEquals(404, post("/http-invoke", new byte[0], "req-6", true).status);
    assertTrue(emulator.requests().isEmpty());
  }

  @Test
  void bothEntryPoints_sameEvent_sameAnswer() throws Exception {
    serve();
    post("/initialize", new byte[0], "init-3", true);
    JsonNode viaServer = post("/invoke", Files.readAllBytes(EVENT), "req-7", true).json();

    GuardHandler managed = new GuardHandler(env::get);
    managed.initialize(HeaderContext.of("init-4", KEY, SECRET, TOKEN));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    managed.handleRequest(new ByteArrayInputStream(Files.readAllBytes(EVENT)), out,
        HeaderContext.of("req-8", KEY, SECRET, TOKEN));
    JsonNode viaHandler = TestJson.MAPPER.readTree(out.toByteArray());

    assertEquals(strip(viaHandler), strip(viaServer));
  }

  /** The answer without what differs between two runs (times, request ids). */
  private static String strip(JsonNode result) {
    return result.toString().replaceAll("\"(durationMs|eventTime|checkedAt|time|requestId)\":(\"[^\"]*\"|[0-9]+)", "");
  }

  private HttpURLConnection open(String path, String requestId, boolean credentials) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + path).openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(60_000);
    c.setRequestProperty("x-fc-request-id", requestId);
    if (credentials) {
      c.setRequestProperty("x-fc-access-key-id", KEY);
      c.setRequestProperty("x-fc-access-key-secret", SECRET);
      c.setRequestProperty("x-fc-security-token", TOKEN);
    }
    return c;
  }

  private Answer post(String path, byte[] body, String requestId, boolean credentials) throws IOException {
    HttpURLConnection c = open(path, requestId, credentials);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/octet-stream");
    try (OutputStream os = c.getOutputStream()) {
      os.write(body);
    }
    int status = c.getResponseCode();
    InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
    String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    return new Answer(status, c.getHeaderField("x-fc-status"), text);
  }

  private static final class Answer {
    final int status;
    final String fcStatus;
    final String body;

    Answer(int status, String fcStatus, String body) {
      this.status = status;
      this.fcStatus = fcStatus;
      this.body = body;
    }

    JsonNode json() throws IOException {
      return TestJson.MAPPER.readTree(body);
    }
  }
}
