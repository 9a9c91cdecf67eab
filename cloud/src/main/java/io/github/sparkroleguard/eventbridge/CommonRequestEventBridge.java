package io.github.sparkroleguard.eventbridge;

import io.github.sparkroleguard.transport.TokenParameters;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.config.Endpoint;
import io.github.sparkroleguard.config.EventBridgeConfig;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.transport.CloudCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * EventBridge's ListRules and ListTargets through the V1 core's {@link CommonRequest} (no product
 * jar exists for it in the V1 family), signed with the guard's own credentials. Answer shapes and
 * names are in {@link EventBridgeFacts}. Every call ends by the invocation's deadline: none starts
 * after it, and each waits for its answer at most until it.
 */
public final class CommonRequestEventBridge implements EventBridgePort {
  private static final int CONNECT_TIMEOUT_MS = 3_000;
  private static final int READ_TIMEOUT_MS = 10_000;
  private static final Pattern URL_WITH_QUERY = Pattern.compile("(https?://[^/?\\s]+)[/?][^\\s]*");

  private final IAcsClient client;
  private final EventBridgeConfig config;
  private final Clock clock;
  private final Instant deadline;

  /** No deadline of its own: each call still times out (tools and tests). */
  public CommonRequestEventBridge(IAcsClient client, EventBridgeConfig config) {
    this(client, config, Clock.systemUTC(), Instant.MAX);
  }

  /** @param deadline when the invocation's budget ends: no call starts after it, none waits past it */
  public CommonRequestEventBridge(IAcsClient client, EventBridgeConfig config, Clock clock, Instant deadline) {
    this.client = client;
    this.config = config;
    this.clock = clock;
    this.deadline = deadline;
  }

  /** How long one call may wait for its answer with {@code left} of the budget: at most the usual read timeout. */
  public static int readTimeoutMs(Duration left) {
    return (int) Math.max(1, Math.min(READ_TIMEOUT_MS, left.toMillis()));
  }

  @Override
  public List<Rule> listRules(String region, String busName) {
    List<Rule> out = new ArrayList<>();
    String token = "";
    for (int page = 0; page < EventBridgeFacts.MAX_PAGES; page++) {
      CommonRequest r = request(region, EventBridgeFacts.LIST_RULES);
      r.putQueryParameter("EventBusName", busName);
      r.putQueryParameter("Limit", String.valueOf(EventBridgeFacts.PAGE_SIZE));
      if (!token.isEmpty()) {
        r.putQueryParameter("NextToken", token);
      }
      JsonNode answer = call(r);
      JsonNode data = answer.path(EventBridgeFacts.DATA);
      for (JsonNode n : data.path("Rules")) {
        String name = n.path("RuleName").asText("");
        if (name.isEmpty()) {
          continue;
        }
        List<Target> targets = n.has("Targets") ? targets(n.path("Targets")) : listTargets(region, busName, name);
        out.add(new Rule(name, n.path("Status").asText(""), n.path("FilterPattern").asText(""), targets));
      }
      token = nextToken(answer);
      if (token.isEmpty()) {
        break;
      }
    }
    return out;
  }

  private List<Target> listTargets(String region, String busName, String ruleName) {
    List<Target> out = new ArrayList<>();
    String token = "";
    for (int page = 0; page < EventBridgeFacts.MAX_PAGES; page++) {
      CommonRequest r = request(region, EventBridgeFacts.LIST_TARGETS);
      r.putQueryParameter("EventBusName", busName);
      r.putQueryParameter("RuleName", ruleName);
      r.putQueryParameter("Limit", String.valueOf(EventBridgeFacts.PAGE_SIZE));
      if (!token.isEmpty()) {
        r.putQueryParameter("NextToken", token);
      }
      JsonNode answer = call(r);
      out.addAll(targets(answer.path(EventBridgeFacts.DATA).path("Targets")));
      token = nextToken(answer);
      if (token.isEmpty()) {
        break;
      }
    }
    return out;
  }

  private static List<Target> targets(JsonNode list) {
    List<Target> out = new ArrayList<>();
    for (JsonNode t : list) {
      JsonNode dlq = t.path("DeadLetterQueue");
      out.add(new Target(t.path("Id").asText(""), t.path("Type").asText(""), t.path("Endpoint").asText(""),
          t.path("PushRetryStrategy").asText(""), dlq.isObject() ? dlq.path("Arn").asText("") : dlq.asText("")));
    }
    return out;
  }

  private static String nextToken(JsonNode answer) {
    String inData = answer.path(EventBridgeFacts.DATA).path("NextToken").asText("");
    return inData.isEmpty() ? answer.path("NextToken").asText("") : inData;
  }

  private CommonRequest request(String region, String action) {
    Endpoint e = config.endpoint(region).orElse(Endpoint.parse(EventBridgeFacts.endpointFor(region), "eventbridge"));
    CommonRequest r = new CommonRequest();
    r.setSysDomain(e.host());
    r.setSysProtocol(e.https() ? ProtocolType.HTTPS : ProtocolType.HTTP);
    r.setSysMethod(MethodType.POST);
    r.setSysVersion(EventBridgeFacts.VERSION);
    r.setSysAction(action);
    r.setSysRegionId(region);
    r.setSysConnectTimeout(CONNECT_TIMEOUT_MS);
    r.setSysReadTimeout(READ_TIMEOUT_MS);
    return r;
  }

  private void withinBudget(CommonRequest r) {
    Duration left = deadline.equals(Instant.MAX) ? Duration.ofMillis(READ_TIMEOUT_MS) : Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new CloudCallException("EventBridge", "DeadlineExceeded", r.getSysAction() + ": not sent, the invocation's time budget is spent", false);
    }
    r.setSysReadTimeout(readTimeoutMs(left));
    r.setSysConnectTimeout((int) Math.min(CONNECT_TIMEOUT_MS, readTimeoutMs(left)));
  }

  private JsonNode call(CommonRequest r) {
    withinBudget(r);
    CommonResponse response;
    try {
      response = client.getCommonResponse(r);
    } catch (ServerException e) {
      throw new CloudCallException("EventBridge", e.getErrCode(), clean(e.getErrMsg()), true);
    } catch (ClientException e) {
      throw new CloudCallException("EventBridge", e.getErrCode() == null ? "SDK.Unknown" : e.getErrCode(), clean(e.getErrMsg()), false);
    }
    JsonNode answer;
    try {
      answer = Json.parse(response.getData());
    } catch (java.io.IOException | RuntimeException e) {
      throw new CloudCallException("EventBridge", "MalformedAnswer", r.getSysAction() + ": the answer is not JSON", false);
    }
    // [inferred] Some EventBridge answers report failure in the body with HTTP 200.
    if (answer.path("Success").isBoolean() && !answer.path("Success").asBoolean()) {
      throw new CloudCallException("EventBridge", answer.path("Code").asText("Unknown"), clean(answer.path("Message").asText("")), false);
    }
    return answer;
  }

  /**
   * Keeps scheme and host of URLs, and hides the STS token of an echoed "server string to sign"
   * (its SecurityToken parameter, as it is or percent-encoded once or twice).
   */
  private static String clean(String message) {
    return message == null ? "" : TokenParameters.hide(URL_WITH_QUERY.matcher(message).replaceAll("$1/..."));
  }
}
