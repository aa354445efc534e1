package io.tao4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JSON-RPC node for CLI tests: a minimal RFC 6455 WebSocket server on 127.0.0.1 (JDK sockets only,
 * so the cli module needs no server library). Answers each method with a fixed result; tests take the
 * results from the responses recorded from finney.
 */
final class MiniWsNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final Map<String, JsonNode> results = new ConcurrentHashMap<>();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    MiniWsNode() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "mini-ws-node");
        t.setDaemon(true);
        t.start();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort());
    }

    private final Map<String, Map<String, JsonNode>> byFirstParam = new ConcurrentHashMap<>();

    /** Answers {@code method} with {@code result}; null removes the answer (the node then says "Method not found"). */
    void answer(String method, JsonNode result) {
        if (result == null) {
            results.remove(method);
        } else {
            results.put(method, result);
        }
    }

    /** Answers {@code method} by its first parameter (e.g. a block hash). */
    void byHash(String method, Map<String, JsonNode> answers) {
        byFirstParam.put(method, answers);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "mini-ws-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            handshake(in, out);
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return;
                }
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0f;
                if (opcode == 8) {
                    writeFrame(out, 0x88, new byte[0]);
                    return;
                }
                if (opcode == 9) {
                    writeFrame(out, 0x8a, payload);
                    continue;
                }
                message.write(payload);
                if ((b0 & 0x80) != 0) {
                    String text = message.toString(StandardCharsets.UTF_8);
                    message.reset();
                    writeFrame(out, 0x81, respond(text).getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (Exception e) {
            // connection ended
        }
    }

    private String respond(String text) throws IOException {
        JsonNode req = JSON.readTree(text);
        requests.add(req);
        ObjectNode r = JSON.createObjectNode();
        r.put("jsonrpc", "2.0");
        String method = req.path("method").asText();
        JsonNode result = results.get(method);
        Map<String, JsonNode> keyed = byFirstParam.get(method);
        if (keyed != null) {
            result = keyed.get(req.path("params").path(0).asText());
        }
        if (result == null) {
            ObjectNode e = r.putObject("error");
            e.put("code", -32601);
            e.put("message", "Method not found");
        } else {
            r.set("result", result);
        }
        r.set("id", req.get("id"));
        return r.toString();
    }

    private static void handshake(InputStream in, OutputStream out) throws Exception {
        String key = null;
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("eof in handshake");
            }
            if (c == '\n') {
                String l = line.toString().trim();
                line.setLength(0);
                if (l.isEmpty()) {
                    break;
                }
                int colon = l.indexOf(':');
                if (colon > 0 && l.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                    key = l.substring(colon + 1).trim();
                }
            } else {
                line.append((char) c);
            }
        }
        String accept = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static synchronized void writeFrame(OutputStream out, int b0, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(b0);
        if (payload.length < 126) {
            f.write(payload.length);
        } else if (payload.length < 65536) {
            f.write(126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
            }
        }
        f.write(payload);
        out.write(f.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
