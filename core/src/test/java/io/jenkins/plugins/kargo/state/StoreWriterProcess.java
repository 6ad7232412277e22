package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.freight.FreightAliases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

/**
 * A second process for {@link KargoStoreConcurrencyTest}: opens the store, says {@code ready}, waits for a line on
 * standard input, creates Freight for tags {@code v1.0.<i>} from {@code first} to {@code last}, and reports how many
 * it created.
 */
public final class StoreWriterProcess {

    private StoreWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String project = args[1];
        int first = Integer.parseInt(args[2]);
        int last = Integer.parseInt(args[3]);
        try (KargoStore store = KargoStore.open(dir, Clock.systemUTC(), new FreightAliases(new Random(5)))) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            int created = 0;
            for (int i = first; i <= last; i++) {
                if (store.freight().create(project, TestFreight.image("services", "v1.0." + i)).created()) {
                    created++;
                }
            }
            System.out.println("created " + created);
        }
    }
}
