package io.github.sparkroleguard.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP receiver that records what alert channels post to it (demo and tests). */
public final class WebhookReceiver implements AutoCloseable {
  /** One received request. */
  public static final class Received {
    public final String path;
    public final Map<String, List<String>> headers;
    public final String body;

    Received(String path, Map<String, List<String>> headers, String body) {
      this.path = path;
      this.headers = headers;
      this.body = body;
    }

    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** A scripted answer for the next request. */
  private static final class Answer {
    final int status;
    final String body;
    final String retryAfter;
    final long delayMs;

    Answer(int status, String body, String retryAfter, long delayMs) {
      this.status = status;
      this.body = body;
      this.retryAfter = retryAfter;
      this.delayMs = delayMs;
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final java.util.Deque<Answer> script = new java.util.concurrent.ConcurrentLinkedDeque<>();
  private volatile int status = 200;
  private volatile String reply = "{\"errcode\":0,\"code\":0}";

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "webhook-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body));
      Answer a = script.poll();
      if (a != null && a.delayMs > 0) {
        try {
          Thread.sleep(a.delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (a != null && a.retryAfter != null) {
        ex.getResponseHeaders().set("Retry-After", a.retryAfter);
      }
      byte[] out = (a == null ? reply : a.body).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(a == null ? status : a.status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
  }

  /** The URL to configure, with a path and a fake token as real webhooks have. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answer every request with this HTTP status and body from now on. */
  public void answer(int httpStatus, String body) {
    this.status = httpStatus;
    this.reply = body;
  }

  /** Answer the next request this way (then the default again); delayMs before answering. */
  public void then(int httpStatus, String body, String retryAfter, long delayMs) {
    script.add(new Answer(httpStatus, body, retryAfter, delayMs));
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
