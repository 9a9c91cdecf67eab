package io.github.sparkroleguard.fleet;

import io.github.sparkroleguard.config.Endpoints;

/**
 * Function Compute facts the fan-out (issue 25) builds on, in one place with their sources;
 * {@code doctor} cannot check them without invoking the function, so README "Many accounts"
 * tells the user how to see them hold (a timer result with {@code fanOut.started}, shard results
 * in the function's logs, failed shards in the failure queue).
 */
public final class FanOutFacts {
  private FanOutFacts() {}

  /** One InvokeFunction attempt's connect and read timeout: FC answers an asynchronous one at once. [inferred] */
  public static final int TIMEOUT_MILLIS = 10_000;

  /** FC 3.0's endpoint from inside the region ({@link Endpoints#functionComputeInternal}), given FC's own variables. */
  public static String internalEndpoint(String accountId, String region) {
    if (accountId == null || !accountId.matches("[0-9]{5,32}") || region == null || !region.matches("[a-z0-9-]{2,40}")) {
      return "fc-endpoint-unknown.invalid"; // FC_ACCOUNT_ID unset (outside FC): every invoke fails, and says so
    }
    return Endpoints.functionComputeInternal(accountId, region);
  }

  /**
   * The function's ARN in a RAM policy: {@code acs:fc:<region>:<account>:functions/<name>} [doc: FC
   * 3.0 "RAM authorization": resource-level granularity, RamCode fc; the FC 2.0 form was
   * {@code services/<s>/functions/<f>}]. The InvokeFunction page lists "All Resources"
   * [conflicting]; if RAM refuses the scoped grant, the timer's result says FC answered 403.
   */
  public static String functionArn(String region, String accountId, String functionName) {
    return "acs:fc:" + region + ":" + accountId + ":functions/" + functionName;
  }

  /** Asynchronous invocations FC retries after the first, per the function's asyncInvokeConfig (s.yaml: 3) [doc]. */
  public static final String RETRIES_SETTING = "asyncInvokeConfig.maxAsyncRetryAttempts";
}
