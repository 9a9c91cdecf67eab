package io.github.sparkroleguard.transport;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.CallBack;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpRequest;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.IHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The SDK's HTTP transport on the JDK's own {@link HttpURLConnection}: the SDK's Apache client
 * sets up TLS and a connection pool when the client is built (about 300 ms of a cold start),
 * this one costs nothing until the first call. Error answers (4xx/5xx) are read from the error
 * stream, so RAM's error codes reach the guard. Certificates and host names are always checked:
 * turning that off is refused. Not final only for the SDK warm-up (ram.SdkWarmup), which replaces the exchange.
 */
public class JdkHttpClient extends IHttpClient {
  /** Built by the SDK's HttpClientFactory by class name. */
  public JdkHttpClient(HttpClientConfig config) throws ClientException {
    super(config);
  }

  @Override
  protected void init(HttpClientConfig config) {
    // nothing to set up before the first call
  }

  @Override
  public HttpResponse syncInvoke(HttpRequest request) throws IOException {
    return exchange(open(request), request);
  }

  /** The connection for a request, configured; nothing is sent and nothing is resolved yet. */
  protected HttpURLConnection open(HttpRequest request) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(request.getSysUrl()).openConnection();
    c.setRequestMethod(request.getSysMethod().name());
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setConnectTimeout(timeout(request.getSysConnectTimeout(), clientConfig.getConnectionTimeoutMillis()));
    c.setReadTimeout(timeout(request.getSysReadTimeout(), clientConfig.getReadTimeoutMillis()));
    for (Map.Entry<String, String> h : request.getSysHeaders().entrySet()) {
      c.setRequestProperty(h.getKey(), h.getValue());
    }
    return c;
  }

  /** Sends the request and reads the answer: the only step that touches the network. */
  protected HttpResponse exchange(HttpURLConnection c, HttpRequest request) throws IOException {
    byte[] body = request.getHttpContent();
    if (body != null && request.getSysMethod().hasContent()) {
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    byte[] content;
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      content = in == null ? new byte[0] : in.readAllBytes();
    }
    HttpResponse response = new HttpResponse(request.getSysUrl());
    response.setStatus(status);
    response.setReasonPhrase(c.getResponseMessage());
    for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
      if (h.getKey() != null) {
        response.putHeaderParameter(h.getKey(), String.join(",", h.getValue()));
      }
    }
    String type = c.getContentType();
    String problem = AnswerShapes.problem(action(request), status < 300, content);
    if (problem != null) {
      throw new MalformedAnswerException(status, "HTTP " + status + ", " + problem + " ("
          + (type == null ? "no content type" : type.split(";")[0].trim()) + ", " + content.length + " bytes)");
    }
    FormatType format = type == null ? FormatType.JSON : FormatType.mapAcceptToFormat(type.split(";")[0].trim());
    response.setHttpContent(content, "UTF-8", format == null ? FormatType.JSON : format);
    return response;
  }

  /** The RPC action of a request: the x-acs-action header, or the Action query parameter. */
  static String action(HttpRequest request) {
    for (Map.Entry<String, String> h : request.getSysHeaders().entrySet()) {
      if ("x-acs-action".equalsIgnoreCase(h.getKey())) {
        return h.getValue();
      }
    }
    String url = request.getSysUrl();
    int at = url == null ? -1 : url.indexOf("Action=");
    if (at < 0) {
      return null;
    }
    int end = url.indexOf('&', at);
    return url.substring(at + "Action=".length(), end < 0 ? url.length() : end);
  }

  private static int timeout(Integer perRequest, long fallback) {
    return perRequest != null && perRequest > 0 ? perRequest : (int) Math.min(Integer.MAX_VALUE, fallback);
  }

  @Override
  public Future<HttpResponse> asyncInvoke(HttpRequest request, CallBack callback) {
    throw new UnsupportedOperationException("the guard calls RAM synchronously");
  }

  @Override
  public void ignoreSSLCertificate() {
    throw new UnsupportedOperationException("the guard never skips certificate checks");
  }

  @Override
  public void restoreSSLCertificate() {
    // certificates are always checked
  }

  @Override
  public boolean isSingleton() {
    return false;
  }

  @Override
  public void close() {
    // HttpURLConnection's keep-alive cache belongs to the JDK
  }
}
