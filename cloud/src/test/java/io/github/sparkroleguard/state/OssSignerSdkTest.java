package io.github.sparkroleguard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.common.auth.DefaultCredentials;
import com.aliyun.oss.common.comm.RequestMessage;
import com.aliyun.oss.internal.signer.OSSSignerParams;
import com.aliyun.oss.internal.signer.OSSV4Signer;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The store's V4 signer against the official OSS SDK's own ({@code aliyun-sdk-oss} 3.18.3,
 * {@code OSSV4Signer}, driven directly): the same request in (method, bucket, key, query, headers,
 * time, keys, region) gives the same {@code Authorization} and the same signed headers out.
 */
class OssSignerSdkTest {
  static final Instant AT = Instant.parse("2026-12-03T05:41:07Z");
  static final String ID = "STS.NUgYrLnoC37mZZCNnAbez2hWr";
  static final String SECRET = "7ua6WcNgtcNxw3ppLiMwfTN5TmNeUj1XAfYmx8qxqCbk";
  static final String TOKEN = "CAIS8gF1q6Ft5B2yfSjIr5bMeo4ZtfP9j+oGJrUuHTNqKVS9PAvdoCE0j+G3A2cDmZ";

  /** The SDK's V4 signer at a fixed time (it reads the clock itself; the test sets its private time). */
  static final class FixedTimeV4 extends OSSV4Signer {
    FixedTimeV4(OSSSignerParams p) {
      super(p);
    }

    @Override
    protected void addDateHeaderIfNeeded(RequestMessage request) {
      try {
        Field f = OSSV4Signer.class.getDeclaredField("requestDateTime");
        f.setAccessible(true);
        f.set(this, Date.from(AT));
        Method m = OSSV4Signer.class.getDeclaredMethod("getDateTime");
        m.setAccessible(true);
        request.getHeaders().put("x-oss-date", (String) m.invoke(this));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Map<String, String> sdk(String verb, String bucket, String key, Map<String, String> query,
      Map<String, String> headers, String token, String region) throws Exception {
    RequestMessage m = new RequestMessage(bucket, key);
    m.setMethod(HttpMethod.valueOf(verb));
    m.setEndpoint(URI.create("https://oss-" + region + ".aliyuncs.com"));
    headers.forEach(m::addHeader);
    m.setParameters(new LinkedHashMap<>(query));
    OSSSignerParams p = new OSSSignerParams("/" + bucket + "/" + key,
        token.isEmpty() ? new DefaultCredentials(ID, SECRET) : new DefaultCredentials(ID, SECRET, token));
    p.setProduct("oss");
    p.setRegion(region);
    new FixedTimeV4(p).sign(m);
    return lower(m.getHeaders());
  }

  private static Map<String, String> ours(String verb, String bucket, String key, Map<String, String> query,
      Map<String, String> headers, String token, String region) {
    Map<String, String> all = new TreeMap<>(lower(headers));
    all.putAll(lower(OssSigner.sign(verb, bucket, key, query, headers, new StoreKeys(ID, SECRET, token), region, AT)));
    return all;
  }

  private static Map<String, String> lower(Map<String, String> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }

  private static void same(String verb, String bucket, String key, Map<String, String> query, Map<String, String> headers,
      String token, String region) throws Exception {
    Map<String, String> expected = sdk(verb, bucket, key, query, headers, token, region);
    Map<String, String> actual = ours(verb, bucket, key, query, headers, token, region);
    assertTrue(expected.get("authorization").startsWith("OSS4-HMAC-SHA256 Credential=" + ID + "/20261203/" + region
        + "/oss/aliyun_v4_request,Signature="), expected.get("authorization"));
    assertEquals(expected, actual);
  }

  @Test
  void sign_createOnlyPutWithStsToken_sameAsSdk() throws Exception {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "text/plain");
    h.put("x-oss-forbid-overwrite", "true");
    same("PUT", "guard-state", "spark-role-guard/t/d/0f3a9c-c1", Map.of(), h, TOKEN, "cn-hangzhou");
  }

  @Test
  void sign_getWithoutToken_sameAsSdk() throws Exception {
    same("GET", "guard-state", "spark-role-guard/last-delivery", Map.of(), Map.of(), "", "cn-hangzhou");
  }

  @Test
  void sign_listWithPrefixAndMarker_sameAsSdk() throws Exception {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("prefix", "spark-role-guard/1234567890123456/t/f/role-x/r/");
    q.put("marker", "spark-role-guard/1234567890123456/t/f/role-x/r/0001764740467000~");
    q.put("max-keys", "12");
    same("GET", "guard-state", "", q, Map.of(), TOKEN, "ap-southeast-1");
  }

  @Test
  void sign_listWithContinuationTokenAndEmptyValues_sameAsSdk() throws Exception {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("list-type", "2");
    q.put("continuation-token", "Ch4xMjM0/NTY3ODkw a+b*c~d=");
    q.put("prefix", "");
    q.put("versioning", "");
    same("GET", "guard-state", "", q, Map.of(), TOKEN, "cn-shanghai");
  }

  @Test
  void sign_getBucketAclAndPolicy_sameAsSdk() throws Exception {
    same("GET", "guard-state", "", Map.of("acl", ""), Map.of(), TOKEN, "cn-hangzhou");
    same("GET", "guard-state", "", Map.of("acl", ""), Map.of(), "", "ap-southeast-1");
    same("GET", "guard-state", "", Map.of("policy", ""), Map.of(), TOKEN, "cn-hangzhou");
  }

  @Test
  void sign_deleteOfAKeyWithCharactersToEncode_sameAsSdk() throws Exception {
    same("DELETE", "guard-state", "p/a b+c~*(1).txt", Map.of(), Map.of("x-oss-meta-Note", "  padded  "), TOKEN, "cn-hangzhou");
  }

  @Test
  void sign_headersAreMixedCase_sameAsSdk() throws Exception {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-OSS-Forbid-Overwrite", "false");
    h.put("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==");
    h.put("Content-Type", "text/plain");
    same("PUT", "b-1", "k", Map.of(), h, "", "eu-central-1");
  }
}
