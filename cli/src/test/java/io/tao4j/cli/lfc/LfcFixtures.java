package io.tao4j.cli.lfc;

import com.sun.net.httpserver.HttpServer;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the LFC command tests set up: development-account wallets and a webhook standing in for Slack. */
final class LfcFixtures {
    private LfcFixtures() {
    }

    /**
     * Wallet {@code account} (lower case) under {@code wallets}: coldkey {@code //Account}, hotkey {@code hotkey} =
     * {@code //Account//hotkey}, both unencrypted.
     */
    static Wallet devWallet(Path wallets, String account, String hotkey) {
        Wallet w = new Wallet(wallets, account.toLowerCase(java.util.Locale.ROOT), hotkey);
        w.setColdkey(KeyfileData.fromUri("//" + account), null, true);
        w.setHotkey(KeyfileData.fromUri("//" + account + "//" + hotkey), null, true);
        return w;
    }

    /** A started local HTTP endpoint that answers 200 and keeps each request body (UTF-8), in order. */
    static final class Webhook implements AutoCloseable {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Webhook() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> {
                bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.start();
        }

        /** The URL to give as {@code --slack_webhook_url}. */
        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
