package io.jenkins.plugins.kargo.plugin.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which Freight a promotion asks for, as the step's arguments say it: exactly one of {@code freight},
 * {@code freightAlias}, {@code latest: true} (optionally from one {@code warehouse}) or {@code rollback: true}.
 *
 * @param value the Freight's name or alias; the warehouse for {@link Kind#LATEST} (empty: any); empty otherwise
 */
public record FreightChoice(Kind kind, String value) implements Serializable {

    public enum Kind { NAME, ALIAS, LATEST, ROLLBACK }

    /**
     * @throws IllegalArgumentException naming the arguments when none or more than one is given, or when
     *                                  {@code warehouse} is given without {@code latest: true}
     */
    public static FreightChoice of(String freight, String freightAlias, boolean latest, boolean rollback,
                                   String warehouse) {
        List<String> given = new ArrayList<>();
        if (!blank(freight)) {
            given.add("freight");
        }
        if (!blank(freightAlias)) {
            given.add("freightAlias");
        }
        if (latest) {
            given.add("latest: true");
        }
        if (rollback) {
            given.add("rollback: true");
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("say which Freight to promote: give one of freight: 'NAME', "
                    + "freightAlias: 'ALIAS', latest: true or rollback: true");
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("give only one of freight, freightAlias, latest and rollback; got "
                    + String.join(" and ", given));
        }
        if (!blank(warehouse) && !latest) {
            throw new IllegalArgumentException("warehouse: '" + warehouse.trim() + "' only goes with latest: true "
                    + "(the newest Freight from that warehouse)");
        }
        if (!blank(freight)) {
            return new FreightChoice(Kind.NAME, freight.trim());
        }
        if (!blank(freightAlias)) {
            return new FreightChoice(Kind.ALIAS, freightAlias.trim());
        }
        return latest ? new FreightChoice(Kind.LATEST, blank(warehouse) ? "" : warehouse.trim())
                : new FreightChoice(Kind.ROLLBACK, "");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** For the build log: "Freight icy-sparrow", "the newest Freight", ... */
    public String describe() {
        return switch (kind) {
            case NAME -> "Freight " + value;
            case ALIAS -> "Freight " + value;
            case LATEST -> value.isEmpty() ? "the newest available Freight"
                    : "the newest available Freight from warehouse " + value;
            case ROLLBACK -> "the Freight of this stage's previous successful promotion in this job";
        };
    }
}
