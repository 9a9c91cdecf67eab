package io.github.sparkroleguard.handler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The little of HTTP/1.1 the custom runtime speaks (RFC 9112): one request read from a stream,
 * one answer written. Everything read is bounded: the request line and headers together, the
 * number of headers, and the body (read up to one byte past the limit, like the managed
 * runtime's handler, so the guard reports an oversized payload instead of reading it all).
 * Time is the caller's business: it sets the socket's read timeout and a deadline.
 */
final class HttpWire {
  static final int MAX_HEAD_BYTES = 16 * 1024;
  static final int MAX_HEADERS = 100;

  private HttpWire() {}

  /** A request that cannot be served; {@code status} is what to answer before closing. */
  static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  static final class Request {
    final String method;
    final String path;
    final Map<String, String> headers;
    final byte[] body;
    /** False when the body was cut at the limit or the client asked to close: the connection ends after the answer. */
    final boolean keepAlive;

    Request(String method, String path, Map<String, String> headers, byte[] body, boolean keepAlive) {
      this.method = method;
      this.path = path;
      this.headers = headers;
      this.body = body;
      this.keepAlive = keepAlive;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Reads one request. {@code started} runs when its first byte has arrived (the caller starts
   * its deadline then). Returns null when the peer closed the connection before a new request.
   */
  static Request read(InputStream in, OutputStream out, int maxBody, Runnable started) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    started.run(); // any first byte starts the deadline, an empty line too: else CRLFs could hold the worker forever
    int[] budget = {MAX_HEAD_BYTES - 1};
    while (first == '\r' || first == '\n') { // RFC 9112 2.2: tolerate empty lines before a request, within the head's budget
      first = in.read();
      if (first < 0) {
        return null;
      }
      if (--budget[0] < 0) {
        throw new BadRequest(431, "request head over " + MAX_HEAD_BYTES + " bytes");
      }
    }
    String line = (char) first + line(in, budget);
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest(400, "malformed request line");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in, budget); !h.isEmpty(); h = line(in, budget)) {
      int colon = h.indexOf(':');
      if (colon <= 0 || headers.size() >= MAX_HEADERS) {
        throw new BadRequest(colon <= 0 ? 400 : 431, colon <= 0 ? "malformed header" : "too many headers");
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      String before = headers.putIfAbsent(name, value);
      if (before != null && name.equals("content-length") && !before.equals(value)) {
        throw new BadRequest(400, "conflicting Content-Length");
      }
    }
    if ("100-continue".equalsIgnoreCase(headers.getOrDefault("expect", ""))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    boolean[] complete = {true};
    byte[] body = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")
        ? chunked(in, maxBody, complete) : sized(in, headers.get("content-length"), maxBody, complete);
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive = complete[0] && !connection.contains("close")
        && (parts[2].equals("HTTP/1.1") || connection.contains("keep-alive"));
    String path = parts[1].indexOf('?') >= 0 ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
    return new Request(parts[0], path, headers, body, keepAlive);
  }

  private static byte[] sized(InputStream in, String contentLength, int maxBody, boolean[] complete) throws IOException {
    if (contentLength == null) {
      return new byte[0];
    }
    if (!contentLength.matches("[0-9]{1,18}")) {
      throw new BadRequest(400, "malformed Content-Length");
    }
    long length = Long.parseLong(contentLength);
    byte[] body = in.readNBytes((int) Math.min(length, maxBody + 1L));
    if (body.length < Math.min(length, maxBody + 1L)) {
      throw new BadRequest(400, "body shorter than its Content-Length");
    }
    complete[0] = length == body.length;
    return body;
  }

  private static byte[] chunked(InputStream in, int maxBody, boolean[] complete) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int[] budget = {MAX_HEAD_BYTES};
    while (true) {
      String size = line(in, budget);
      int semi = size.indexOf(';');
      String hex = (semi >= 0 ? size.substring(0, semi) : size).trim();
      if (!hex.matches("[0-9A-Fa-f]{1,7}")) {
        throw new BadRequest(400, "malformed chunk size");
      }
      int n = Integer.parseInt(hex, 16);
      if (n == 0) {
        for (String trailer = line(in, budget); !trailer.isEmpty(); trailer = line(in, budget)) {
          // trailers are read and ignored
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes((int) Math.min(n, maxBody + 1L - body.size()));
      body.write(chunk);
      if (body.size() > maxBody) {
        complete[0] = false;
        return body.toByteArray();
      }
      if (chunk.length < n || !line(in, budget).isEmpty()) {
        throw new BadRequest(400, "malformed chunk");
      }
    }
  }

  /** One line without its CRLF (or LF); counts against {@code budget}. */
  private static String line(InputStream in, int[] budget) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new BadRequest(400, "connection closed mid-request");
      }
      if (--budget[0] < 0) {
        throw new BadRequest(431, "request head over " + MAX_HEAD_BYTES + " bytes");
      }
      s.append((char) b);
    }
    budget[0]--;
    int end = s.length();
    return end > 0 && s.charAt(end - 1) == '\r' ? s.substring(0, end - 1) : s.toString();
  }

  /** Writes one answer; {@code fcStatus} adds FC's x-fc-status header. */
  static void write(OutputStream out, int status, boolean fcStatus, byte[] body, boolean keepAlive) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
        .append("Content-Type: application/json\r\n");
    if (fcStatus) {
      head.append(CustomRuntimeContract.STATUS_HEADER).append(": ").append(status).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n")
        .append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 404:
        return "Not Found";
      case 431:
        return "Request Header Fields Too Large";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }
}
