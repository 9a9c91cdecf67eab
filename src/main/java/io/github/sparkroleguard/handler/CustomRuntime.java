package io.github.sparkroleguard.handler;

import static io.github.sparkroleguard.handler.CustomRuntimeContract.FAILED;
import static io.github.sparkroleguard.handler.CustomRuntimeContract.OK;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.sparkroleguard.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The guard as a Function Compute custom runtime: an HTTP server on FC's port answering
 * {@code POST /initialize} and {@code POST /invoke} by calling the very {@link GuardHandler} the
 * managed {@code java11} runtime calls. It exists for cold start: a custom runtime may bring its
 * own JVM (a jlinked JDK 25 with an AOT cache, see BENCHMARKS.md), which {@code java11} cannot.
 * Requests are handled one at a time, on the server's own thread, as in the managed runtime.
 * The protocol facts live in {@link CustomRuntimeContract}.
 */
public final class CustomRuntime implements AutoCloseable {
  private final HttpServer server;
  private final GuardHandler handler;
  private final PrintStream log;

  private CustomRuntime(HttpServer server, GuardHandler handler, PrintStream log) {
    this.server = server;
    this.handler = handler;
    this.log = log;
  }

  /** FC starts this (s.yaml's customRuntimeConfig): the guard configured from the environment. */
  public static void main(String[] args) throws IOException {
    int p = CustomRuntimeContract.port(System::getenv);
    start(new InetSocketAddress(CustomRuntimeContract.BIND_HOST, p), new GuardHandler(), System.out);
  }

  /** Listens on {@code address} (port 0: any free port) and serves until {@link #close}. */
  public static CustomRuntime start(InetSocketAddress address, GuardHandler handler, PrintStream log) throws IOException {
    // Without it every keep-alive answer waits ~40 ms for Nagle (PLATFORM.md section 8).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(address, 16);
    CustomRuntime runtime = new CustomRuntime(server, handler, log);
    server.createContext("/", runtime::serve);
    server.start();
    log.println("spark-role-guard custom runtime on port " + runtime.port() + "; " + AotCacheStatus.current());
    return runtime;
  }

  /** The port actually listened on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      boolean invoke = CustomRuntimeContract.INVOKE_PATH.equals(path);
      boolean initialize = CustomRuntimeContract.INITIALIZE_PATH.equals(path);
      if (!"POST".equals(exchange.getRequestMethod()) || !invoke && !initialize) {
        answer(exchange, 404, false, error("no such route: " + exchange.getRequestMethod() + " " + path));
        return;
      }
      HeaderContext context = HeaderContext.of(header(exchange, CustomRuntimeContract.REQUEST_ID),
          header(exchange, CustomRuntimeContract.ACCESS_KEY_ID), header(exchange, CustomRuntimeContract.ACCESS_KEY_SECRET),
          header(exchange, CustomRuntimeContract.SECURITY_TOKEN));
      log.println(CustomRuntimeContract.LOG_START + context.getRequestId());
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int status = initialize ? initialize(context, body) : invoke(exchange, context, body);
      log.println(CustomRuntimeContract.LOG_END + context.getRequestId());
      answer(exchange, status, true, body.toByteArray());
    } finally {
      exchange.close();
    }
  }

  /** The hook has no body; the request's stream is left to exchange.close(). */
  private int initialize(HeaderContext context, ByteArrayOutputStream body) throws IOException {
    try {
      handler.initialize(context);
      String vmInfo = System.getProperty("java.vm.info");
      body.write(Json.write(Json.object().put("initialized", true).put("jvm", System.getProperty("java.vm.version"))
          .put("aotCache", AotCacheStatus.sharing(vmInfo))).getBytes(StandardCharsets.UTF_8));
      return OK;
    } catch (RuntimeException e) {
      // A configuration error, typically: the instance cannot serve, and FC reports why.
      body.write(error(e.getClass().getSimpleName() + ": " + e.getMessage()));
      return FAILED;
    }
  }

  private int invoke(HttpExchange exchange, HeaderContext context, ByteArrayOutputStream body) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      handler.handleRequest(in, body, context);
      return OK;
    } catch (GuardFailedException e) {
      // The result was written before the throw: it says what failed. FC records a failure.
      return FAILED;
    } catch (RuntimeException e) {
      body.reset();
      body.write(error(e.getClass().getSimpleName() + ": " + e.getMessage()));
      return FAILED;
    }
  }

  private static void answer(HttpExchange exchange, int status, boolean fcStatus, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (fcStatus) {
      exchange.getResponseHeaders().set(CustomRuntimeContract.STATUS_HEADER, Integer.toString(status));
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }

  private static byte[] error(String message) {
    return Json.write(Json.object().put("error", message == null ? "" : message)).getBytes(StandardCharsets.UTF_8);
  }

  private static String header(HttpExchange exchange, String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }
}
