package io.github.sparkroleguard.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a Spark job of a workspace asks of its execution role: its OSS directory, and DLF,
 * MaxCompute or KMS when the workspace uses them. Kept in the policy package (with the
 * evaluator that judges it) and fed from configuration by plain values, so that policy code does
 * not depend on the configuration.
 */
public final class SparkNeeds {
  private SparkNeeds() {}

  /**
   * @param bucket the workspace's OSS bucket
   * @param prefix the directory inside it ("" or ending in '/')
   */
  public static List<Coverage.Wanted> of(String bucket, String prefix, boolean dlf, boolean maxCompute, boolean kms) {
    List<Coverage.Wanted> out = new ArrayList<>();
    String dir = "acs:oss:*:*:" + bucket + "/" + prefix;
    String bucketArn = "acs:oss:*:*:" + bucket;
    out.add(new Coverage.Wanted("read the workspace directory", "oss:GetObject", dir + "part-0000.parquet"));
    out.add(new Coverage.Wanted("write the workspace directory", "oss:PutObject", dir + "part-0000.parquet"));
    out.add(new Coverage.Wanted("delete in the workspace directory", "oss:DeleteObject", dir + "part-0000.parquet"));
    out.add(new Coverage.Wanted("list the workspace bucket", "oss:ListObjects", bucketArn));
    if (dlf) {
      out.add(new Coverage.Wanted("read DLF metadata", "dlf:GetTable", "*"));
      out.add(new Coverage.Wanted("write DLF metadata", "dlf:CreateTable", "*"));
      out.add(new Coverage.Wanted("DLF access control delegation", "dlf-auth:ActOnBehalfOfAnotherUser", "*"));
    }
    if (maxCompute) {
      out.add(new Coverage.Wanted("MaxCompute as the submitting user", "odps:ActOnBehalfOfAnotherUser",
          "acs:odps:*:*:users/default/aliyun/submitter"));
    }
    if (kms) {
      out.add(new Coverage.Wanted("decrypt KMS-encrypted objects", "kms:Decrypt", "*"));
      out.add(new Coverage.Wanted("encrypt with KMS", "kms:GenerateDataKey", "*"));
    }
    return List.copyOf(out);
  }
}
