package io.jenkins.plugins.kargo.events;

/**
 * Port: hears {@link DeliveryEvent}s as the engine makes them. Called in the engine's thread, so an implementation
 * that does I/O must be quick or hand the event to its own thread; an exception it throws is logged, never fatal.
 */
@FunctionalInterface
public interface DeliveryListener {

    DeliveryListener NONE = event -> {
    };

    void on(DeliveryEvent event);
}
