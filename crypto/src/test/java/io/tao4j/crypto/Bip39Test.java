package io.tao4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Bip39Test {

    private static final String DEV = SecretUri.DEV_PHRASE;

    @Test
    void wordListIsTheStandardEnglishList() throws Exception {
        assertThat(Bip39.wordList()).hasSize(2048);
        assertThat(Bip39.wordList().get(0)).isEqualTo("abandon");
        assertThat(Bip39.wordList().get(2047)).isEqualTo("zoo");
        // SHA-256 of the canonical english.txt (one word per line, trailing newline)
        String joined = String.join("\n", Bip39.wordList()) + "\n";
        assertThat(Hex.encode(Hashes.sha256(joined.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isEqualTo("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda");
    }

    @Test
    void bip39ReferenceEntropyVectors() {
        // trezor/python-mnemonic vectors.json (entropy -> mnemonic)
        assertThat(Bip39.fromEntropy(new byte[16])).isEqualTo(
                "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        assertThat(Bip39.fromEntropy(ff)).isEqualTo(
                "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote");
        assertThat(Hex.encode(Bip39.toEntropy(DEV))).isEqualTo("1a486a5fbe53639984cb64b070755f7b");
        assertThat(Hex.encode(Bip39.miniSecret(DEV, "")))
                .isEqualTo("fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
        assertThat(Bip39.miniSecret(DEV, null)).isEqualTo(Bip39.miniSecret(DEV, ""));
    }

    @Test
    void generateAllLengths() {
        for (int n : new int[] {12, 15, 18, 21, 24}) {
            String m = Bip39.generate(n);
            assertThat(m.split(" ")).hasSize(n);
            assertThat(Bip39.isValid(m)).isTrue();
            assertThat(Bip39.toEntropy(m)).hasSize(n * 4 / 3);
            assertThat(Bip39.fromEntropy(Bip39.toEntropy(m))).isEqualTo(m);
        }
        assertThat(Bip39.generate(12)).isNotEqualTo(Bip39.generate(12));
        assertThatThrownBy(() -> Bip39.generate(13)).hasMessageContaining("13");
    }

    @Test
    void toleratesExtraWhitespace() {
        assertThat(Bip39.toEntropy("  " + DEV.replace(" ", "   ") + "\n")).isEqualTo(Bip39.toEntropy(DEV));
    }

    @Test
    void errorsNameTheProblemButNotTheWords() {
        assertThatThrownBy(() -> Bip39.toEntropy(DEV.replace("lake", "laek")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("word 4 of 12")
                .hasMessageNotContaining("laek");
        String badChecksum = DEV.replace("walk", "wall");
        assertThatThrownBy(() -> Bip39.toEntropy(badChecksum)).hasMessageContaining("checksum mismatch")
                .hasMessageNotContaining("bottom");
        assertThatThrownBy(() -> Bip39.toEntropy("bottom drive obey")).hasMessageContaining("got 3");
        assertThatThrownBy(() -> Bip39.toEntropy("")).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Bip39.toEntropy(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bip39.fromEntropy(new byte[15])).hasMessageContaining("15");
        assertThat(Bip39.isWord("abandon")).isTrue();
        assertThat(Bip39.isWord("Abandon")).isFalse();
    }
}
