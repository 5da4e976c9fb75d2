package io.thermobus.input;

import io.thermobus.event.FrameRendered;
import io.thermobus.event.KeyPressed;
import io.thermobus.event.Topic;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.io.PrintStream;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * The terminal of one zone: redraws the chapter's frame on every {@link FrameRendered} and, when
 * stdin is a terminal, turns key presses into input. Keys are read on a dedicated daemon thread
 * (reading blocks) and handed to the event bus, which is safe from any thread.
 */
public final class ConsoleVerticle extends VerticleBase {

  private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

  private final String zone;
  private final String inputAddress;
  private final boolean readKeys;
  private final PrintStream out;
  private final String header;
  private Terminal terminal;
  private Attributes savedAttributes;
  private Thread reader;

  /**
   * {@code inputAddress} is the address of the input shard hosting {@code zone}; {@code header} is
   * drawn above every frame, so the dashboard URL stays in sight.
   */
  public ConsoleVerticle(String zone, String inputAddress, boolean readKeys, PrintStream out, String header) {
    this.zone = zone;
    this.inputAddress = inputAddress;
    this.readKeys = readKeys;
    this.out = out;
    this.header = header;
  }

  @Override
  public Future<?> start() throws IOException {
    if (readKeys) {
      terminal = TerminalBuilder.builder().system(true).build();
      savedAttributes = terminal.enterRawMode();
      reader = new Thread(this::readKeys, "thermobus-keys");
      reader.setDaemon(true);
      reader.start();
    }
    return vertx.eventBus().consumer(Topic.FRAME.address(), this::draw).completion();
  }

  @Override
  public Future<?> stop() throws IOException {
    if (terminal != null) {
      reader.interrupt();
      terminal.setAttributes(savedAttributes);
      terminal.close();
    }
    return Future.succeededFuture();
  }

  private void draw(Message<FrameRendered> message) {
    FrameRendered frame = message.body();
    if (frame.zone().equals(zone)) {
      out.print(CLEAR_SCREEN + (header + "\n\n" + frame.text()).replace("\n", "\r\n"));
      out.flush();
    }
  }

  private void readKeys() {
    NonBlockingReader keys = terminal.reader();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        int c = keys.read();
        if (c < 0 || c == 3 || c == 4) { // end of input, Ctrl-C, Ctrl-D
          break;
        }
        String key = keyName(c, keys);
        if (key != null) {
          vertx.eventBus().send(inputAddress, new KeyPressed(zone, key, "terminal"));
        }
      }
    } catch (IOException e) {
      return;
    }
    if (!Thread.currentThread().isInterrupted()) {
      System.exit(130); // the shutdown hook closes Vert.x
    }
  }

  /** Maps a raw terminal character (and an arrow's escape sequence) to a browser key name. */
  private static String keyName(int c, NonBlockingReader keys) throws IOException {
    switch (c) {
      case '\r', '\n' -> {
        return "Enter";
      }
      case 127, 8 -> {
        return "Backspace";
      }
      case 27 -> {
        int next = keys.read(50);
        if (next != '[') {
          return "Escape";
        }
        int arrow = keys.read(50);
        return arrow == 'A' ? "ArrowUp" : arrow == 'B' ? "ArrowDown" : null;
      }
      default -> {
        String key = String.valueOf((char) c);
        return KeyInput.isKnown(key) ? key : null;
      }
    }
  }
}
