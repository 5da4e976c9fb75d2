package io.thermobus.config;

import static io.thermobus.config.ConfigException.invalid;
import static io.thermobus.config.ConfigOption.CLUSTER;
import static io.thermobus.config.ConfigOption.CLUSTER_HOST;
import static io.thermobus.config.ConfigOption.CLUSTER_MEMBERS;
import static io.thermobus.config.ConfigOption.CLUSTER_NAME;
import static io.thermobus.config.ConfigOption.CLUSTER_PORT;
import static io.thermobus.config.ConfigOption.EVENT_BUS_HOST;
import static io.thermobus.config.ConfigOption.EVENT_BUS_PORT;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether and how this node joins a Hazelcast cluster: its name, the address Hazelcast binds to
 * and announces, the members to join ({@code host:port}) and the clustered event bus's address.
 */
public record ClusterSettings(boolean enabled, String name, String host, int port, List<String> members,
                              String eventBusHost, int eventBusPort) {

  private static final Pattern CLUSTER_NAME_TEXT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
  private static final Pattern MEMBER = Pattern.compile("(?<host>[^:]+):(?<port>[0-9]{1,5})");

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /** This node's id in the cluster: its Hazelcast address, unique among the members. */
  public String nodeId() {
    return host + ":" + port;
  }

  static ClusterSettings read(ConfigValues values) {
    String name = values.required(CLUSTER_NAME);
    if (!CLUSTER_NAME_TEXT.matcher(name).matches()) {
      throw invalid(CLUSTER_NAME, "must be 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-', got '" + name + "'");
    }
    String host = values.required(CLUSTER_HOST);
    if (!IPV4.matcher(host).matches() || host.equals("0.0.0.0")) {
      throw invalid(CLUSTER_HOST, "must be an IPv4 address of this machine, e.g. 127.0.0.1, got '" + host + "'");
    }
    List<String> members = values.items(CLUSTER_MEMBERS).stream().filter(m -> !m.isEmpty()).toList();
    for (String member : members) {
      Matcher parts = MEMBER.matcher(member);
      if (!parts.matches() || !HOST_NAME.matcher(parts.group("host")).matches()
          || Integer.parseInt(parts.group("port")) < 1 || Integer.parseInt(parts.group("port")) > 65535) {
        throw invalid(CLUSTER_MEMBERS, "'" + member + "' is not a member: write host:port, e.g. 127.0.0.1:5701");
      }
    }
    String busHost = values.text(EVENT_BUS_HOST);
    if (busHost != null && !HOST_NAME.matcher(busHost).matches()) {
      throw invalid(EVENT_BUS_HOST, "must be a host name or an IPv4 address, got '" + busHost + "'");
    }
    return new ClusterSettings(values.bool(CLUSTER), name, host, values.integer(CLUSTER_PORT, 1, 65535), members,
        busHost == null ? host : busHost, values.integer(EVENT_BUS_PORT, 0, 65535));
  }
}
