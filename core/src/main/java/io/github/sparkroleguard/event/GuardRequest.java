package io.github.sparkroleguard.event;

import java.util.List;

/** What one invocation asks for: handle events, run the timer scan, or a manual command. */
public final class GuardRequest {
  /** The trigger kinds, as reported in results and alerts. */
  public enum Kind {
    EVENT,
    TIMER,
    MANUAL
  }

  private final Kind kind;
  private final List<TrailRecord> records;
  private final Command command;
  private final List<RejectedRecord> rejected;
  private final String shardId;
  private final List<String> shardAccounts;

  private GuardRequest(Kind kind, List<TrailRecord> records, Command command, List<RejectedRecord> rejected) {
    this(kind, records, command, rejected, "", List.of());
  }

  private GuardRequest(Kind kind, List<TrailRecord> records, Command command, List<RejectedRecord> rejected,
      String shardId, List<String> shardAccounts) {
    this.kind = kind;
    this.records = List.copyOf(records);
    this.command = command;
    this.rejected = List.copyOf(rejected);
    this.shardId = shardId;
    this.shardAccounts = List.copyOf(shardAccounts);
  }

  /**
   * One shard of a fanned-out timer scan (issue 25): a timer scan of these accounts only, sent by
   * the timer's invocation as an asynchronous invocation of the same function.
   */
  public static GuardRequest shard(String id, List<String> accounts) {
    return new GuardRequest(Kind.TIMER, List.of(), new Command(Command.Action.SCAN, "", 0), List.of(), id, accounts);
  }

  /** True for a shard of a fanned-out scan. */
  public boolean isShard() {
    return !shardId.isEmpty();
  }

  /** The shard's id (same on every delivery of it); empty unless {@link #isShard()}. */
  public String shardId() {
    return shardId;
  }

  /** The accounts a shard scans; empty unless {@link #isShard()}. */
  public List<String> shardAccounts() {
    return shardAccounts;
  }

  public static GuardRequest events(List<TrailRecord> records) {
    return events(records, List.of());
  }

  /** Events of a batch, with the records of it that could not be read. */
  public static GuardRequest events(List<TrailRecord> records, List<RejectedRecord> rejected) {
    return new GuardRequest(Kind.EVENT, records, null, rejected);
  }

  public static GuardRequest timer() {
    return new GuardRequest(Kind.TIMER, List.of(), new Command(Command.Action.SCAN, "", 0), List.of());
  }

  public static GuardRequest manual(Command command) {
    return new GuardRequest(Kind.MANUAL, List.of(), command, List.of());
  }

  /** Records of the batch that could not be read; each is reported as a skip with its reason. */
  public List<RejectedRecord> rejected() {
    return rejected;
  }

  public Kind kind() {
    return kind;
  }

  public List<TrailRecord> records() {
    return records;
  }

  /** The command for manual and timer requests; null for events. */
  public Command command() {
    return command;
  }
}
