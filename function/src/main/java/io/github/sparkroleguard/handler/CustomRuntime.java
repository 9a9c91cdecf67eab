package io.github.sparkroleguard.handler;

import static io.github.sparkroleguard.handler.CustomRuntimeContract.FAILED;
import static io.github.sparkroleguard.handler.CustomRuntimeContract.OK;

import io.github.sparkroleguard.doctor.AotCacheStatus;
import io.github.sparkroleguard.event.InputParser;
import io.github.sparkroleguard.json.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The guard as a Function Compute custom runtime: an HTTP server on FC's port answering
 * {@code POST /initialize} and {@code POST /invoke} by calling the very {@link GuardHandler} the
 * managed {@code java11} runtime calls. It exists for cold start: a custom runtime may bring its
 * own JVM (a jlinked JDK 25 with an AOT cache, see BENCHMARKS.md), which {@code java11} cannot.
 *
 * <p>No client can hold it: each connection has its own worker (at most {@link #WORKERS}), a
 * request must arrive whole within the read timeout of its first byte (a watchdog closes the
 * connection otherwise, however slowly the bytes trickle), a new connection must start its
 * request within the read timeout, and an idle keep-alive connection is closed after
 * {@link #IDLE_TIMEOUT}. The guard itself runs one invocation at a time, as in the managed
 * runtime; reading and answering happen outside that lock. The protocol facts live in
 * {@link CustomRuntimeContract}, the HTTP in {@link HttpWire}.
 */
public final class CustomRuntime implements AutoCloseable {
  /** [inferred] FC sends a whole request at once; 10 s is ample for the 6 MiB the guard reads at most. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  /** Idle keep-alive connections close after this, as the JDK's own HTTP server does by default (30 s). */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** Connections served at once; a few more wait in a short queue, the rest are closed. */
  static final int WORKERS = 16;
  static final int QUEUED = 32;

  private final ServerSocket socket;
  private final GuardHandler handler;
  private final PrintStream log;
  private final int readTimeoutMs;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService watchdog;
  private final Object oneAtATime = new Object();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private CustomRuntime(ServerSocket socket, GuardHandler handler, PrintStream log, Duration readTimeout) {
    this.socket = socket;
    this.handler = handler;
    this.log = log;
    this.readTimeoutMs = (int) Math.max(1, readTimeout.toMillis());
    this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
        r -> daemon(r, "fc-connection"));
    this.workers.allowCoreThreadTimeOut(true);
    ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "fc-watchdog"));
    w.setRemoveOnCancelPolicy(true);
    this.watchdog = w;
  }

  /** FC starts this (s.yaml's customRuntimeConfig): the guard configured from the environment. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int p = CustomRuntimeContract.port(System::getenv);
    start(new InetSocketAddress(CustomRuntimeContract.BIND_HOST, p), new GuardHandler(), System.out);
    // Every thread of the runtime is a daemon (tests start and close runtimes in one JVM): main
    // holds the process up until FC stops it. Without this the JVM exited as soon as main
    // returned, before FC's first request, or during one when its last non-daemon thread ended.
    new CountDownLatch(1).await();
  }

  /** Listens on {@code address} (port 0: any free port) and serves until {@link #close}. */
  public static CustomRuntime start(InetSocketAddress address, GuardHandler handler, PrintStream log) throws IOException {
    return start(address, handler, log, READ_TIMEOUT);
  }

  /** @param readTimeout how long a request may take to arrive whole (tests shorten it) */
  public static CustomRuntime start(InetSocketAddress address, GuardHandler handler, PrintStream log, Duration readTimeout)
      throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(address, 64);
    CustomRuntime runtime = new CustomRuntime(s, handler, log, readTimeout);
    daemon(runtime::accept, "fc-accept").start();
    log.println("spark-role-guard custom runtime on port " + runtime.port() + "; " + AotCacheStatus.current());
    return runtime;
  }

  /** The port actually listened on. */
  public int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    open.forEach(CustomRuntime::quietly);
    workers.shutdownNow();
    watchdog.shutdownNow();
  }

  private void accept() {
    while (!socket.isClosed()) {
      Socket c;
      try {
        c = socket.accept();
      } catch (IOException e) {
        continue; // closed (the loop ends) or one failed accept
      }
      try {
        workers.execute(() -> connection(c));
      } catch (RejectedExecutionException e) {
        quietly(c); // every worker busy and the queue full: the client retries
      }
    }
  }

  /** Serves requests on one connection until it closes, stalls, or asks to close. */
  private void connection(Socket c) {
    open.add(c);
    try (Socket s = c) {
      s.setTcpNoDelay(true); // without it every keep-alive answer waits ~40 ms for Nagle (PLATFORM.md section 8)
      s.setSoTimeout(readTimeoutMs); // a new connection must start its request within the read timeout
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = new BufferedOutputStream(s.getOutputStream());
      boolean keepAlive = true;
      while (keepAlive) {
        ScheduledFuture<?>[] cutOff = {null};
        HttpWire.Request request;
        try {
          request = HttpWire.read(in, out, InputParser.MAX_BYTES, () -> cutOff[0] = watchdog.schedule(
              () -> quietly(s), readTimeoutMs, TimeUnit.MILLISECONDS));
        } catch (HttpWire.BadRequest e) {
          HttpWire.write(out, e.status, false, error(e.getMessage()), false);
          return;
        } finally {
          if (cutOff[0] != null) {
            cutOff[0].cancel(false);
          }
        }
        if (request == null) {
          return;
        }
        keepAlive = request.keepAlive;
        serve(request, s, out, keepAlive);
        s.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
      }
    } catch (IOException | RuntimeException e) {
      // a stalled, cut-off or vanished client: its connection ends here, nobody else is affected
    } finally {
      open.remove(c);
    }
  }

  private void serve(HttpWire.Request request, Socket s, OutputStream out, boolean keepAlive) throws IOException {
    boolean invoke = CustomRuntimeContract.INVOKE_PATH.equals(request.path);
    boolean initialize = CustomRuntimeContract.INITIALIZE_PATH.equals(request.path);
    if (!"POST".equals(request.method) || !invoke && !initialize) {
      HttpWire.write(out, 404, false, error("no such route: " + request.method + " " + request.path), keepAlive);
      return;
    }
    HeaderContext context = HeaderContext.of(request.header(CustomRuntimeContract.REQUEST_ID),
        request.header(CustomRuntimeContract.ACCESS_KEY_ID), request.header(CustomRuntimeContract.ACCESS_KEY_SECRET),
        request.header(CustomRuntimeContract.SECURITY_TOKEN));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status;
    synchronized (oneAtATime) {
      log.println(CustomRuntimeContract.LOG_START + context.getRequestId());
      status = initialize ? initialize(context, body) : invoke(request.body, context, body);
      log.println(CustomRuntimeContract.LOG_END + context.getRequestId());
    }
    // A client that does not read its answer is cut off too, never holding its worker for long.
    ScheduledFuture<?> cutOff = watchdog.schedule(() -> quietly(s), readTimeoutMs, TimeUnit.MILLISECONDS);
    try {
      HttpWire.write(out, status, true, body.toByteArray(), keepAlive);
    } finally {
      cutOff.cancel(false);
    }
  }

  /** The hook has no body. */
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

  private int invoke(byte[] payload, HeaderContext context, ByteArrayOutputStream body) throws IOException {
    try {
      handler.handleRequest(new ByteArrayInputStream(payload), body, context);
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

  private static byte[] error(String message) {
    return Json.write(Json.object().put("error", message == null ? "" : message)).getBytes(StandardCharsets.UTF_8);
  }

  private static void quietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
