package io.parley.realtime.push;

import io.parley.realtime.api.Push;

/** Where the push stream hands each live push: every socket of its users on this node. */
public interface PushDelivery {

    void deliver(Push push);
}
