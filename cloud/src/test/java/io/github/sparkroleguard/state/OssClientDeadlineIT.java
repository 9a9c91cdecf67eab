package io.github.sparkroleguard.state;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store that trickles its answer, one byte every 50 ms (never long enough for a read timeout
 * between bytes), is cut at the call's deadline, not after the whole answer: loopback, real time,
 * a 300 ms deadline.
 */
class OssClientDeadlineIT {
  static final int DEADLINE = 300;
  ServerSocket server;
  Thread serving;

  @AfterEach
  void stop() throws IOException {
    server.close();
    serving.interrupt();
  }

  /** Serves one connection: reads the request head, then writes {@code answer} a byte at a time. */
  OssClient trickling(String answer) throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    serving = new Thread(() -> {
      try (Socket s = server.accept()) {
        InputStream in = s.getInputStream();
        int matched = 0;
        while (matched < 4) {
          int b = in.read();
          if (b < 0) {
            return;
          }
          matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        OutputStream out = s.getOutputStream();
        for (byte b : answer.getBytes(StandardCharsets.US_ASCII)) {
          out.write(b);
          out.flush();
          Thread.sleep(50);
        }
      } catch (IOException | InterruptedException e) {
        // the client hung up: what the deadline is for
      }
    });
    serving.setDaemon(true);
    serving.start();
    return new OssClient("127.0.0.1:" + server.getLocalPort(), false, "b-1", "cn-hangzhou",
        () -> new StoreKeys("id", "secret", ""), Clock.systemUTC(), 2000, DEADLINE);
  }

  private static void cutAtTheDeadline(Runnable call) {
    long start = System.nanoTime();
    StateException e = assertThrows(StateException.class, call::run);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(e.getMessage().contains("deadline of " + DEADLINE + " ms"), e.getMessage());
    assertTrue(tookMillis < 1500, "took " + tookMillis + " ms");
  }

  @Test
  void get_bodyTrickles_cutAtTheDeadline() throws IOException {
    OssClient c = trickling("HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\n" + "x".repeat(400));
    cutAtTheDeadline(() -> c.get("k"));
  }

  @Test
  void put_statusLineAndHeadersTrickle_cutAtTheDeadline() throws IOException {
    OssClient c = trickling("HTTP/1.1 200 OK\r\nX-Padding: " + "y".repeat(400) + "\r\nContent-Length: 0\r\n\r\n");
    cutAtTheDeadline(() -> c.put("k", "v", false));
  }
}
