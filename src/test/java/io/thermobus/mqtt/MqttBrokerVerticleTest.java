package io.thermobus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thermobus.mqtt.BrokerStatus.State;
import io.thermobus.testing.MosquittoBroker;
import io.thermobus.testing.PlainMqttClient;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker connection against a real Mosquitto: availability, routing, credentials, and a broker that dies and comes back. */
class MqttBrokerVerticleTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private Vertx vertx;
  private MosquittoBroker broker;
  private PlainMqttClient watcher;

  @BeforeEach
  void setUp() {
    MosquittoBroker.assumeInstalled();
    vertx = Vertx.vertx();
    MqttAddresses.registerCodecs(vertx.eventBus());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (watcher != null) {
      watcher.close();
    }
    vertx.close().await(20, TimeUnit.SECONDS);
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldAnnounceItselfOnlineRouteSubscribedMessagesAndPublish() throws Exception {
    broker = MosquittoBroker.start();
    MqttBrokerVerticle connection = deploy(settings(broker, Optional.empty(), Optional.empty()));
    await().atMost(WAIT).until(() -> connection.status().connected());
    watcher = PlainMqttClient.connect(vertx, broker.port()).follow("thermobus/status").follow("relay/set");
    await().atMost(WAIT).until(() -> watcher.payloadsOn("thermobus/status").contains("online"));

    List<MqttReceived> readings = subscribe("sensor/attic", "test.readings");
    watcher.publish("sensor/attic", "21.5", false);
    await().atMost(WAIT).until(() -> readings.stream().anyMatch(r -> r.payload().equals("21.5")));

    vertx.eventBus().request(MqttAddresses.PUBLISH, new MqttPublish("relay/set", "ON", 1, false)).await(20, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> watcher.payloadsOn("relay/set").contains("ON"));
    assertThat(connection.status().detail()).contains(broker.url()).contains("test-node");
  }

  @Test
  void shouldStartAfreshAfterAMessageTooLargeToReadAndKeepRouting() throws Exception {
    broker = MosquittoBroker.start();
    MqttBrokerVerticle connection = deploy(settings(broker, Optional.empty(), Optional.empty()));
    await().atMost(WAIT).until(() -> connection.status().connected());
    List<MqttReceived> readings = subscribe("sensor/attic", "test.readings");
    watcher = PlainMqttClient.connect(vertx, broker.port());

    watcher.publish("sensor/attic", "9".repeat(MqttBrokerVerticle.MAX_MESSAGE_BYTES + 1), false);
    await().atMost(WAIT).until(() -> connection.status().connects() == 2 && connection.status().connected());
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
      watcher.publish("sensor/attic", "20.5", false);
      return readings.stream().anyMatch(r -> r.payload().equals("20.5"));
    });
    assertThat(readings).noneMatch(r -> r.payload().length() > MqttBrokerVerticle.MAX_MESSAGE_BYTES);
  }

  @Test
  void shouldSayOfflineRetainedWhenItStops() throws Exception {
    broker = MosquittoBroker.start();
    MqttBrokerVerticle connection = deploy(settings(broker, Optional.empty(), Optional.empty()));
    await().atMost(WAIT).until(() -> connection.status().connected());
    vertx.undeploy(vertx.deploymentIDs().iterator().next()).await(20, TimeUnit.SECONDS);
    // A client that arrives later still reads the retained last word.
    watcher = PlainMqttClient.connect(vertx, broker.port()).follow("thermobus/status");
    await().atMost(WAIT).until(() -> watcher.received.stream()
        .anyMatch(m -> m.topic().equals("thermobus/status") && m.payload().equals("offline") && m.retained()));
  }

  @Test
  void shouldConnectWithTheRightPasswordFromAPasswordFile() throws Exception {
    broker = MosquittoBroker.start(Map.of("heating", "correct horse"));
    MqttBrokerVerticle connection = deploy(settings(broker, Optional.of("heating"), Optional.of("correct horse")));
    await().atMost(WAIT).until(() -> connection.status().connected());
  }

  @Test
  void shouldReportClearlyThatTheBrokerRefusedAWrongPassword() throws Exception {
    broker = MosquittoBroker.start(Map.of("heating", "correct horse"));
    List<BrokerStatus> changes = new CopyOnWriteArrayList<>();
    vertx.eventBus().<BrokerStatus>consumer(MqttAddresses.STATUS, message -> changes.add(message.body())).completion()
        .await(20, TimeUnit.SECONDS);
    MqttBrokerVerticle connection = deploy(settings(broker, Optional.of("heating"), Optional.of("battery staple")));
    await().atMost(WAIT).until(() -> connection.status().state() == State.REFUSED);
    assertThat(connection.status().detail()).startsWith("broker refused the credentials").contains("mqttPassword")
        .doesNotContain("battery staple");
    assertThat(changes).extracting(BrokerStatus::state).containsOnlyOnce(State.REFUSED);
    assertThat(vertx.eventBus().request(MqttAddresses.PUBLISH, new MqttPublish("relay/set", "ON", 1, false))
        .toCompletionStage().toCompletableFuture().handle((ok, error) -> error).get(20, TimeUnit.SECONDS))
        .isInstanceOf(ReplyException.class)
        .satisfies(error -> assertThat(((ReplyException) error).failureCode()).isEqualTo(MqttAddresses.NOT_CONNECTED));
  }

  @Test
  void shouldReconnectByItselfAndRestoreItsSubscriptionsWhenTheBrokerComesBack() throws Exception {
    broker = MosquittoBroker.start();
    MqttBrokerVerticle connection = deploy(settings(broker, Optional.empty(), Optional.empty()));
    await().atMost(WAIT).until(() -> connection.status().connected());
    List<MqttReceived> readings = subscribe("sensor/attic", "test.readings");

    broker.kill();
    await().atMost(WAIT).until(() -> connection.status().state() == State.DISCONNECTED);
    broker.restart();
    await().atMost(WAIT).until(() -> connection.status().connected());
    assertThat(connection.status().connects()).isEqualTo(2);

    watcher = PlainMqttClient.connect(vertx, broker.port()).follow("thermobus/status");
    await().atMost(WAIT).until(() -> watcher.payloadsOn("thermobus/status").contains("online"));
    // Published until it arrives: the restored subscription's SUBACK may come a moment after the CONNACK.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
      watcher.publish("sensor/attic", "19.0", false);
      return readings.stream().anyMatch(r -> r.payload().equals("19.0"));
    });
  }

  @Test
  void shouldPublishAgainAfterAnOutageThatLeftMessagesUnacknowledged() throws Exception {
    broker = MosquittoBroker.start();
    MqttBrokerVerticle connection = deploy(settings(broker, Optional.empty(), Optional.empty()));
    await().atMost(WAIT).until(() -> connection.status().connected());

    broker.freeze();
    int refused = 0;
    for (int i = 0; i < MqttBrokerVerticle.MAX_IN_FLIGHT + 5; i++) {
      refused += failed(new MqttPublish("relay/set", "ON", 1, false)) ? 1 : 0;
    }
    assertThat(refused).as("publishes beyond the in-flight limit").isEqualTo(5);
    broker.kill();
    await().atMost(WAIT).until(() -> connection.status().state() == State.DISCONNECTED);
    broker.restart();
    await().atMost(WAIT).until(() -> connection.status().connected());

    watcher = PlainMqttClient.connect(vertx, broker.port()).follow("relay/set");
    // The lost messages' places come free when their acknowledgement times out (1 s here), not never.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> !failed(new MqttPublish("relay/set", "OFF", 1, false)));
    await().atMost(WAIT).until(() -> watcher.payloadsOn("relay/set").contains("OFF"));
  }

  private boolean failed(MqttPublish message) throws Exception {
    return vertx.eventBus().request(MqttAddresses.PUBLISH, message).toCompletionStage().toCompletableFuture()
        .handle((ok, error) -> error != null).get(20, TimeUnit.SECONDS);
  }

  @Test
  void shouldConnectOverTlsTrustingTheBrokersOwnAuthority() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    broker = MosquittoBroker.startTls(Path.of(certificate.certificatePath()), Path.of(certificate.privateKeyPath()));
    MqttSettings trusting = withCaFile(settings(broker, Optional.empty(), Optional.empty()), Path.of(certificate.certificatePath()));
    MqttBrokerVerticle connection = deploy(trusting);
    await().atMost(WAIT).until(() -> connection.status().connected());
    assertThat(connection.status().detail()).startsWith("connected to mqtts://localhost:");
  }

  @Test
  void shouldNotConnectToABrokerWhoseCertificateItDoesNotTrust() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    broker = MosquittoBroker.startTls(Path.of(certificate.certificatePath()), Path.of(certificate.privateKeyPath()));
    MqttBrokerVerticle connection = deploy(settings(broker, Optional.empty(), Optional.empty()));
    await().atMost(WAIT).until(() -> connection.status().state() == State.DISCONNECTED);
    assertThat(connection.status().connects()).isZero();
    assertThat(connection.status().detail()).startsWith("cannot reach mqtts://localhost:").contains("TLS handshake").contains("mqttCaFile");
  }

  private static MqttSettings withCaFile(MqttSettings s, Path caFile) {
    return new MqttSettings(s.url(), s.username(), s.password(), Optional.of(caFile), s.clientId(), s.keepAlive(),
        s.statePrefix(), s.discovery(), s.discoveryPrefix());
  }

  private MqttBrokerVerticle deploy(MqttSettings settings) throws Exception {
    MqttBrokerVerticle connection = new MqttBrokerVerticle(settings, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1));
    vertx.deployVerticle(connection).await(20, TimeUnit.SECONDS);
    return connection;
  }

  private List<MqttReceived> subscribe(String topic, String address) throws Exception {
    List<MqttReceived> received = new CopyOnWriteArrayList<>();
    MessageConsumer<MqttReceived> consumer = vertx.eventBus().consumer(address, message -> received.add(message.body()));
    consumer.completion().await(20, TimeUnit.SECONDS);
    vertx.eventBus().request(MqttAddresses.SUBSCRIBE, new MqttSubscription(topic, address)).await(20, TimeUnit.SECONDS);
    return received;
  }

  static MqttSettings settings(MosquittoBroker broker, Optional<String> username, Optional<String> password) {
    return new MqttSettings(BrokerUrl.parse(broker.url()), username, password, Optional.empty(), "test-node", Duration.ofSeconds(30),
        "thermobus", true, "homeassistant");
  }
}
