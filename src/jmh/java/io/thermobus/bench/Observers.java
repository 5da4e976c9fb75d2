package io.thermobus.bench;

import java.util.ArrayList;
import java.util.List;

final class Observers {

  private Observers() {
  }

  static List<Observer> create(int n) {
    List<Observer> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new Observer());
    }
    return list;
  }
}
