package io.github.sparkroleguard.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom runtime's server on loopback against clients that stall: one that connects and
 * sends nothing, one that stops halfway through its headers, one that trickles its body. None
 * of them may hold /invoke for anybody else. The answer used is a bad-input one: no RAM call.
 */
class CustomRuntimeSlowClientIT {
  static final byte[] NOT_JSON = "not json".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;
  CustomRuntime server;
  GuardHandler handler;
  final List<Socket> stalled = new ArrayList<>();

  @BeforeEach
  void handler() throws IOException {
    Path config = dir.resolve("guard.yaml");
    Files.writeString(config, "ram: { endpoint: 'http://127.0.0.1:9' }\n");
    handler = new GuardHandler(Map.of("GUARD_CONFIG", config.toString())::get);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : stalled) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Socket stall(String sent) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    stalled.add(s);
    s.getOutputStream().write(sent.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return s;
  }

  /** A whole POST /invoke on a fresh connection; the answer's status line and body. */
  private String invoke() throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /invoke HTTP/1.1\r\nHost: x\r\nx-fc-request-id: r1\r\nContent-Length: " + NOT_JSON.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(NOT_JSON);
      out.flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void serve(Duration readTimeout) throws IOException {
    server = CustomRuntime.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), readTimeout);
  }

  @Test
  void stalledClients_doNotHoldInvokeForOthers() throws Exception {
    serve(Duration.ofSeconds(30));
    stall("");
    stall("POST /inv");
    stall("POST /invoke HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"act");
    String answer = assertTimeoutPreemptively(Duration.ofSeconds(10), this::invoke, "a stalled client held /invoke");
    assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
    assertTrue(answer.contains("BadInput"), answer);
  }

  /** Reads until the server closes the connection; how long that took. */
  private static Duration closedAfter(Socket s, long startNanos) throws IOException {
    s.setSoTimeout(10_000);
    try {
      while (s.getInputStream().read() >= 0) {
        // an error answer may come first
      }
    } catch (java.net.SocketException e) {
      // reset: closed too
    }
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Test
  void aRequestThatStopsHalfway_orNeverStarts_isCutOffAtTheReadTimeout() throws Exception {
    serve(Duration.ofMillis(300));
    long t0 = System.nanoTime();
    Socket partial = stall("POST /invoke HTTP/1.1\r\nContent-Length: 100\r\n\r\n{");
    Socket silent = stall("");
    assertTrue(closedAfter(partial, t0).compareTo(Duration.ofSeconds(5)) < 0);
    assertTrue(closedAfter(silent, t0).compareTo(Duration.ofSeconds(5)) < 0);
  }

  @Test
  void aTricklingClient_isCutOffByTheDeadline_notKeptAliveByEachByte() throws Exception {
    serve(Duration.ofMillis(300));
    Socket s = stall("POST /invoke HTTP/1.1\r\n");
    long t0 = System.nanoTime();
    Thread trickle = new Thread(() -> {
      try {
        for (int i = 0; i < 40; i++) { // a byte every 50 ms, each well within any per-read timeout: 2 s in all
          s.getOutputStream().write('x');
          s.getOutputStream().flush();
          Thread.sleep(50);
        }
      } catch (IOException | InterruptedException e) {
        // cut off
      }
    });
    trickle.start();
    Duration closed = closedAfter(s, t0);
    trickle.join();
    assertTrue(closed.compareTo(Duration.ofMillis(1500)) < 0, "cut off after " + closed);
  }

  /** Empty lines before a request (RFC 9112 2.2 tolerates them) count against the same deadline. */
  @Test
  void aClientTricklingEmptyLines_isCutOffByTheDeadline_notHeldForever() throws Exception {
    serve(Duration.ofMillis(300));
    Socket s = stall("\r\n");
    long t0 = System.nanoTime();
    Thread trickle = new Thread(() -> {
      try {
        for (int i = 0; i < 40; i++) { // CRLF every 50 ms, before any request line: 2 s in all
          s.getOutputStream().write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
          s.getOutputStream().flush();
          Thread.sleep(50);
        }
      } catch (IOException | InterruptedException e) {
        // cut off
      }
    });
    trickle.start();
    Duration closed = closedAfter(s, t0);
    trickle.join();
    assertTrue(closed.compareTo(Duration.ofMillis(1500)) < 0, "cut off after " + closed);
  }

  @Test
  void keepAlive_twoRequestsOnOneConnection_bothAnswered_andAnOversizedHeadIsRefused() throws Exception {
    serve(Duration.ofSeconds(5));
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      String one = "POST /invoke HTTP/1.1\r\nContent-Length: 8\r\n\r\nnot json";
      s.getOutputStream().write((one + one).getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      for (int i = 0; i < 2; i++) {
        String status = statusLine(in);
        assertEquals("HTTP/1.1 404 Not Found", status);
      }
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("POST /invoke HTTP/1.1\r\nX-Big: " + "a".repeat(HttpWire.MAX_HEAD_BYTES) + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      assertEquals("HTTP/1.1 431 Request Header Fields Too Large", statusLine(s.getInputStream()));
    }
  }

  /** Reads one answer (headers and its Content-Length body); returns its status line. */
  private static String statusLine(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed: " + head);
      }
      head.append((char) b);
    }
    String h = head.toString();
    int at = h.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ") + 16;
    int length = Integer.parseInt(h.substring(at, h.indexOf("\r\n", at)));
    in.readNBytes(length);
    return h.substring(0, h.indexOf("\r\n"));
  }
}
