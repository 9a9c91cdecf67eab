package io.github.sparkroleguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyuncs.endpoint.LocalConfigGlobalEndpointResolver;
import com.aliyuncs.endpoint.LocalConfigRegionalEndpointResolver;
import com.aliyuncs.endpoint.ResolveEndpointRequest;
import io.github.sparkroleguard.eventbridge.EventBridgeFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every host the guard builds by hand, held to the official SDKs' own endpoint data: the V1
 * core's {@code endpoints.json} (resolved by its own LocalConfig resolvers), the V1 product
 * jars' {@code Endpoint} classes (map and regional type), and the Tea SDKs' rule
 * ({@code com.aliyun.endpointutil.Client.getEndpointRules}) fed with the inputs each Tea client
 * passes it. The Tea product jars for EventBridge and Resource Management are not served here,
 * so their constructor inputs are copied below from the official source, with where they come
 * from; the rule that turns them into a host is the official jar's.
 */
class EndpointsTest {
  /** Regions the guard may run in or read from: both RAM event regions and a spread of others. */
  private static final List<String> REGIONS = List.of("cn-hangzhou", "ap-southeast-1", "cn-shanghai", "cn-beijing",
      "cn-shenzhen", "cn-hongkong", "ap-northeast-1", "eu-central-1", "us-west-1", "us-east-1");

  /**
   * aliyun/alibabacloud-java-sdk, eventbridge-20200401/src/main/java/com/aliyun/eventbridge20200401/Client.java
   * (newest): {@code _endpointRule = "regional"}, this map, product id "eventbridge".
   */
  private static final Map<String, String> EVENTBRIDGE_SDK_MAP = eventBridgeMap();

  private static Map<String, String> eventBridgeMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String r : List.of("us-west-1", "us-east-1", "eu-west-1", "eu-central-1", "cn-zhangjiakou", "cn-wulanchabu",
        "cn-shenzhen-finance-1", "cn-shenzhen", "cn-shanghai-finance-1", "cn-shanghai", "cn-qingdao", "cn-huhehaote",
        "cn-hongkong", "cn-heyuan", "cn-hangzhou", "cn-guangzhou", "cn-chengdu", "cn-beijing-finance-1", "cn-beijing",
        "ap-southeast-7", "ap-southeast-6", "ap-southeast-5", "ap-southeast-3", "ap-southeast-1", "ap-northeast-2",
        "ap-northeast-1")) {
      m.put(r, "eventbridge-console." + r + ".aliyuncs.com");
    }
    return m;
  }

  /** The Tea client's getEndpoint: the map first, then the official rule. */
  private static String tea(String product, String region, String rule, Map<String, String> map) {
    String mapped = map.get(region);
    return mapped != null ? mapped : com.aliyun.endpointutil.Client.getEndpointRules(product, region, rule, null, null);
  }

  private static String v1Global(String product, String region) {
    return new LocalConfigGlobalEndpointResolver().resolve(new ResolveEndpointRequest(region, product, null, null));
  }

  private static String v1Regional(String product, String region) {
    return new LocalConfigRegionalEndpointResolver().resolve(new ResolveEndpointRequest(region, product, null, null));
  }

  @Test
  void eventBridgeIsTheOfficialSdksConsoleHost() {
    for (String region : REGIONS) {
      assertEquals(tea("eventbridge", region, "regional", EVENTBRIDGE_SDK_MAP), EventBridgeFacts.endpointFor(region), region);
    }
  }

  @Test
  void ramIsTheV1CoresGlobalEndpointAndTheProductJarsCentralRule() {
    assertEquals("central", com.aliyuncs.ram.Endpoint.endpointRegionalType);
    for (String region : REGIONS) {
      assertEquals(v1Global("ram", region), Defaults.RAM_ENDPOINT, region);
      assertEquals(tea("ram", region, com.aliyuncs.ram.Endpoint.endpointRegionalType, com.aliyuncs.ram.Endpoint.endpointMap),
          Defaults.RAM_ENDPOINT, region);
    }
  }

  @Test
  void stsIsTheV1CoresGlobalEndpoint() {
    for (String region : REGIONS) {
      assertEquals(v1Global("sts", region), Defaults.STS_ENDPOINT, region);
    }
  }

  @Test
  void actionTrailIsTheV1CoresRegionalEndpointAndTheProductJarsRule() {
    assertEquals("regional", com.aliyuncs.actiontrail.Endpoint.endpointRegionalType);
    for (String region : REGIONS) {
      assertEquals(v1Regional("actiontrail", region), Defaults.actionTrailEndpoint(region), region);
      assertEquals(tea("actiontrail", region, com.aliyuncs.actiontrail.Endpoint.endpointRegionalType,
          com.aliyuncs.actiontrail.Endpoint.endpointMap), Defaults.actionTrailEndpoint(region), region);
    }
  }

  /**
   * Resource Management (roles, attachments, ListAccounts of the Resource Directory, control
   * policies): aliyun/alibabacloud-java-sdk resourcemanager-20200331 Client.java,
   * {@code _endpointRule = "central"}, product id "resourcemanager", no map.
   */
  @Test
  void resourceManagementAndResourceDirectoryAreTheOfficialCentralHost() {
    for (String region : REGIONS) {
      assertEquals(tea("resourcemanager", region, "central", Map.of()), Defaults.RESOURCE_MANAGER_ENDPOINT, region);
    }
  }
}
