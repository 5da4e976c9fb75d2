package io.thermobus.bench;

import io.thermobus.bus.Envelope;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (c) Vert.x's local event bus: {@code publish} to N consumers registered by one verticle (so
 * all on one event loop, like the other contenders' single consumer thread). An identity codec
 * passes the envelope by reference, as the other contenders do.
 */
public class VertxEventBusFanOut extends FanOutBenchmark {

  private static final String ADDRESS = "bench.fanout";

  private final Stamper stamper = new Stamper();
  private Vertx vertx;

  @Override
  protected List<Progress> start(List<Observer> observers) throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().registerDefaultCodec(Envelope.class, new IdentityCodec());
    Progress progress = new Progress();
    vertx.deployVerticle(new Consumers(observers, progress))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return List.of(progress);
  }

  @Override
  protected void publish(long seq) {
    vertx.eventBus().publish(ADDRESS, new Envelope<>(seq, "temperature", "home", stamper.now(), new Tick(seq)));
  }

  @Override
  protected void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static final class Consumers extends VerticleBase {
    private final List<Observer> observers;
    private final Progress progress;

    Consumers(List<Observer> observers, Progress progress) {
      this.observers = observers;
      this.progress = progress;
    }

    @Override
    public Future<?> start() {
      List<Future<Void>> registered = new ArrayList<>();
      for (Observer observer : observers) {
        registered.add(vertx.eventBus().<Envelope<Tick>>consumer(ADDRESS, message -> {
          observer.observe(message.body().seq());
          progress.add(1);
        }).completion());
      }
      return Future.all(registered);
    }
  }

  @SuppressWarnings("rawtypes")
  private static final class IdentityCodec implements MessageCodec<Envelope, Envelope> {
    @Override
    public void encodeToWire(Buffer buffer, Envelope envelope) {
      throw new UnsupportedOperationException("local only");
    }

    @Override
    public Envelope decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("local only");
    }

    @Override
    public Envelope transform(Envelope envelope) {
      return envelope;
    }

    @Override
    public String name() {
      return "bench-envelope";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
