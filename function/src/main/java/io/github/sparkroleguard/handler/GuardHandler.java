package io.github.sparkroleguard.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import io.github.sparkroleguard.event.InputParser;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.ram.SdkWarmup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The Function Compute entry point: {@code io.github.sparkroleguard.handler.GuardHandler::handleRequest},
 * initializer {@code ::initialize}. Parses, delegates once, writes the result; a failed
 * invocation is thrown so FC retries it and its failure destination receives it.
 */
public final class GuardHandler implements StreamRequestHandler, FunctionInitializer {
  private final Function<String, String> env;
  private volatile GuardRuntime runtime;

  /** For Function Compute: everything comes from the environment. */
  public GuardHandler() {
    this(System::getenv);
  }

  /** As FC builds it, with the environment given (tests of the custom runtime's lifecycle). */
  GuardHandler(Function<String, String> env) {
    this.env = env;
  }

  /** For tests and the command line: the collaborators come ready-made. */
  public GuardHandler(GuardRuntime runtime) {
    this.env = System::getenv;
    this.runtime = runtime;
  }

  /**
   * FC's initializer hook, before the first event: loads the configuration and builds the SDK
   * client while {@link SdkWarmup} readies the SDK's first call, then sets up TLS if an endpoint
   * needs it.
   */
  @Override
  public void initialize(Context context) {
    Thread warmup = SdkWarmup.start();
    GuardRuntime rt = runtime(context);
    SdkWarmup.finish(warmup, rt.usesHttps());
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    GuardRuntime rt = runtime(context);
    Credentials c = context == null ? null : context.getExecutionCredentials();
    if (c != null) {
      rt.credentials().set(c.getAccessKeyId(), c.getAccessKeySecret(), c.getSecurityToken());
    }
    InvocationResult result = rt.invoke(readBounded(input));
    output.write(Json.write(result.json()).getBytes(StandardCharsets.UTF_8));
    output.flush();
    if (!result.ok()) {
      throw new GuardFailedException(result.failure());
    }
  }

  private GuardRuntime runtime(Context context) {
    GuardRuntime rt = runtime;
    if (rt == null) {
      synchronized (this) {
        if (runtime == null) {
          runtime = GuardRuntime.fromEnvironment(env, line -> System.out.println(line));
          Credentials c = context == null ? null : context.getExecutionCredentials();
          if (c != null) {
            runtime.credentials().set(c.getAccessKeyId(), c.getAccessKeySecret(), c.getSecurityToken());
          }
        }
        rt = runtime;
      }
    }
    return rt;
  }

  /** Reads at most one byte past the limit, so a huge payload costs bounded memory. */
  static byte[] readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(InputParser.MAX_BYTES + 1);
    if (bytes.length > InputParser.MAX_BYTES) {
      in.skip(Long.MAX_VALUE);
    }
    return bytes;
  }
}
