package io.thermobus.bus.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermobus.testing.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bus's request/reply addresses, as another verticle or cluster node uses them. */
@ExtendWith(VertxExtension.class)
class BusAddressesTest {

  @Test
  void subscribesDrainsTheDomainEventsAndUnsubscribesOverTheEventBus(Vertx vertx, VertxTestContext test) throws Exception {
    RunningService.start(vertx, new JsonObject().put("timeScale", 1000));
    var bus = vertx.eventBus();
    bus.<JsonObject>request(BusAddresses.SUBSCRIBE, new JsonObject().put("topics", new JsonArray().add("temperature")))
        .map(reply -> reply.body())
        .compose(subscription -> bus.<JsonObject>request(BusAddresses.DRAIN, new JsonObject().put("id", subscription.getLong("id"))
                .put("secret", subscription.getString("secret")).put("waitMs", 10_000))
            .compose(events -> {
              test.verify(() -> {
                JsonObject first = events.body().getJsonArray("events").getJsonObject(0);
                assertThat(first.getString("topic")).isEqualTo("temperature");
                assertThat(first.getString("zone")).isEqualTo("home");
                assertThat(first.getJsonObject("data").getInteger("centi")).isBetween(2000, 2200);
              });
              return bus.<JsonObject>request(BusAddresses.UNSUBSCRIBE, subscription.copy().put("id", subscription.getLong("id")));
            })
            .compose(unsubscribed -> bus.request(BusAddresses.DRAIN, new JsonObject().put("id", subscription.getLong("id")))))
        .onComplete(test.failing(gone -> test.verify(() -> {
          assertThat(gone).isInstanceOf(ReplyException.class);
          assertThat(((ReplyException) gone).failureCode()).isEqualTo(410);
          test.completeNow();
        })));
  }

  @Test
  void refusesAMalformedRequestWithA400(Vertx vertx, VertxTestContext test) throws Exception {
    RunningService.start(vertx, new JsonObject().put("timeScale", 0.01));
    vertx.eventBus().request(BusAddresses.DRAIN, new JsonObject().put("id", "seven"))
        .onComplete(test.failing(refused -> test.verify(() -> {
          assertThat(((ReplyException) refused).failureCode()).isEqualTo(400);
          test.completeNow();
        })));
  }

  @Test
  void refusesAMaxBeyondTheBatchLimitEvenWhenItWrapsAroundAsAnInt(Vertx vertx, VertxTestContext test) throws Exception {
    RunningService.start(vertx, new JsonObject().put("timeScale", 0.01));
    var bus = vertx.eventBus();
    bus.<JsonObject>request(BusAddresses.SUBSCRIBE, new JsonObject())
        .compose(subscribed -> bus.request(BusAddresses.DRAIN,
            new JsonObject().put("id", subscribed.body().getLong("id")).put("secret", subscribed.body().getString("secret"))
                .put("max", (1L << 32) + 1)))
        .onComplete(test.failing(refused -> test.verify(() -> {
          assertThat(((ReplyException) refused).failureCode()).isEqualTo(400);
          assertThat(refused.getMessage()).contains("max");
          test.completeNow();
        })));
  }
}
