package io.github.sparkroleguard.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.AlibabaCloudCredentialsProvider;
import com.aliyun.fc20230330.models.InvokeFunctionHeaders;
import com.aliyun.fc20230330.models.InvokeFunctionRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out's hand-built InvokeFunction (FcInvokeClient, Acs3Signer) against the official FC
 * 3.0 SDK ({@code com.aliyun:fc20230330}): both send to a loopback capture server; given the SDK's
 * own date and nonce, ours must produce the same method, path, query, body, and every API header
 * the SDK sends, Authorization included, byte for byte; only the HTTP stacks' own unsigned headers
 * ({@link #TRANSPORT_HEADERS}) are left out. The SDK is given its credentials as FC's context gives ours: an STS
 * session from a provider (the SDK's static-key config adds {@code x-acs-credentials-provider},
 * its own telemetry, which the API does not ask for).
 */
class FcInvokeSdkIT {
  static final String AK = "STS.NUgYrLnoC37mZZCNnAbez2y";
  static final String SECRET = "fan-out-secret/with+odd=chars";
  static final String TOKEN = "CAIS8gF1q6Ft5B2yfSjIr5bSEsFhl+llh/iyYlA";
  static final String FUNCTION = "spark-role-guard-central";
  /**
   * Set by each HTTP stack, unsigned and not part of the API: the SDK's OkHttp adds accept-encoding
   * and its own connection casing, the JDK's connection adds cache-control and pragma; each names itself.
   */
  static final List<String> TRANSPORT_HEADERS = List.of("user-agent", "accept-encoding", "connection", "cache-control", "pragma");

  static final class Captured {
    String method;
    String path;
    String rawQuery;
    final Map<String, String> headers = new TreeMap<>();
    byte[] body;
  }

  HttpServer server;
  final List<Captured> captured = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", ex -> {
      Captured c = new Captured();
      c.method = ex.getRequestMethod();
      c.path = ex.getRequestURI().getRawPath();
      c.rawQuery = ex.getRequestURI().getRawQuery();
      ex.getRequestHeaders().forEach((k, v) -> c.headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      c.body = ex.getRequestBody().readAllBytes();
      captured.add(c);
      int status = c.path.contains("refused-fn") ? 403 : 202;
      byte[] answer = status == 202 ? new byte[0]
          : "{\"Code\":\"AccessDenied\",\"Message\":\"no\",\"RequestId\":\"1\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      ex.getResponseBody().write(answer);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void asyncInvoke_equalsWhatTheOfficialSdkSends_withQualifier() throws Exception {
    same("prod", "{\"shard\":{\"id\":\"2026-12-03T05:00:00Z/1-of-13\",\"accounts\":[\"2000000000000001\"]}}");
  }

  @Test
  void asyncInvoke_equalsWhatTheOfficialSdkSends_withoutQualifier() throws Exception {
    same("", "{\"shard\":{\"id\":\"x\",\"accounts\":[\"2000000000000002\",\"2000000000000003\"]}}");
  }

  private void same(String qualifier, String payload) throws Exception {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    sdk(qualifier, body);
    Captured theirs = captured.get(0);
    Instant at = Instant.parse(theirs.headers.get("x-acs-date"));
    FcInvokeClient ours = new FcInvokeClient(host(), false, FUNCTION, qualifier, () -> new String[] {AK, SECRET, TOKEN},
        Clock.fixed(at, ZoneOffset.UTC), () -> theirs.headers.get("x-acs-signature-nonce"), 5000);
    ours.invokeAsync(body);
    Captured mine = captured.get(1);

    assertEquals(theirs.method, mine.method);
    assertEquals(theirs.path, mine.path);
    assertEquals("/2023-03-30/functions/" + FUNCTION + "/invocations", mine.path);
    assertEquals(theirs.rawQuery, mine.rawQuery);
    assertArrayEquals(theirs.body, mine.body);
    Map<String, String> expected = new TreeMap<>(theirs.headers);
    Map<String, String> actual = new TreeMap<>(mine.headers);
    for (String transport : TRANSPORT_HEADERS) {
      expected.remove(transport);
      actual.remove(transport);
    }
    assertEquals(expected, actual, "every API header the SDK sends, and no other");
    assertEquals("Async", mine.headers.get("x-fc-invocation-type"));
    assertTrue(mine.headers.get("authorization").startsWith("ACS3-HMAC-SHA256 Credential=" + AK + ",SignedHeaders="),
        mine.headers.get("authorization"));
    assertEquals(host(), mine.headers.get("host"));
    // What the built request says it sends is what went on the wire.
    FcInvokeClient.Request built = ours.build(body);
    assertEquals(theirs.headers.get("authorization"), built.headers.get("Authorization"));
    if (!qualifier.isEmpty()) {
      assertEquals("qualifier=" + qualifier, URLDecoder.decode(mine.rawQuery, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aRefusal_orNoAnswer_isAnInvokeFailed_withFcsCode_andNoKey() {
    FcInvokeClient refused = new FcInvokeClient(host(), false, "refused-fn", "", () -> new String[] {AK, SECRET, TOKEN},
        Clock.systemUTC(), () -> "nonce-1", 5000);
    FcInvokeClient.InvokeFailed e = assertThrows(FcInvokeClient.InvokeFailed.class, () -> refused.invokeAsync(new byte[] {'{', '}'}));
    assertEquals("FC InvokeFunction refused-fn: HTTP 403 AccessDenied", e.getMessage());

    FcInvokeClient nobody = new FcInvokeClient("127.0.0.1:1", false, FUNCTION, "", () -> new String[] {AK, SECRET, TOKEN},
        Clock.systemUTC(), () -> "nonce-2", 2000);
    e = assertThrows(FcInvokeClient.InvokeFailed.class, () -> nobody.invokeAsync(new byte[] {'{', '}'}));
    assertTrue(e.getMessage().startsWith("FC InvokeFunction " + FUNCTION + ": "), e.getMessage());
    assertTrue(!e.getMessage().contains(SECRET) && !e.getMessage().contains(TOKEN));
  }

  private void sdk(String qualifier, byte[] body) throws Exception {
    AlibabaCloudCredentialsProvider fromContext = new AlibabaCloudCredentialsProvider() {
      @Override
      public CredentialModel getCredentials() {
        return CredentialModel.builder().accessKeyId(AK).accessKeySecret(SECRET).securityToken(TOKEN).type("sts").build();
      }

      @Override
      public String getProviderName() {
        return "";
      }

      @Override
      public void close() {}
    };
    Config config = new Config().setEndpoint(host()).setProtocol("HTTP").setRegionId("cn-hangzhou");
    config.setCredential(new com.aliyun.credentials.Client(fromContext));
    com.aliyun.fc20230330.Client client = new com.aliyun.fc20230330.Client(config);
    InvokeFunctionRequest request = new InvokeFunctionRequest().setBody(new ByteArrayInputStream(body));
    if (!qualifier.isEmpty()) {
      request.setQualifier(qualifier);
    }
    InvokeFunctionHeaders headers = new InvokeFunctionHeaders().setXFcInvocationType("Async");
    client.invokeFunctionWithOptions(FUNCTION, request, headers, new RuntimeOptions());
  }
}
