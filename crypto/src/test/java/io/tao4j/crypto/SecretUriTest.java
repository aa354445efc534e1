package io.tao4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretUriTest {

    private static final String DEV = SecretUri.DEV_PHRASE;
    private static final String SEED = "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";

    @Test
    void aliceFromBarePath() {
        SecretUri u = SecretUri.parse("//Alice");
        assertThat(u.usesDevPhrase()).isTrue();
        assertThat(u.pathText()).isEqualTo("//Alice");
        assertThat(u.password()).isEmpty();
        assertThat(u.keyPair().ss58()).isEqualTo("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        assertThat(Sr25519KeyPair.fromUri(" //Alice\n").ss58()).isEqualTo("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
    }

    @Test
    void phrasePathAndPassword() {
        SecretUri u = SecretUri.parse(DEV + "//hot/0///my pass/with//slashes");
        assertThat(u.usesDevPhrase()).isFalse();
        assertThat(u.phrase()).isEqualTo(DEV);
        assertThat(u.path()).hasSize(2);
        assertThat(u.path().get(0).isHard()).isTrue();
        assertThat(u.path().get(1).isHard()).isFalse();
        assertThat(u.password()).contains("my pass/with//slashes");
        assertThat(u.toString()).isEqualTo("SecretUri[<mnemonic>//hot/0///<password>]");
        assertThat(u.toString()).doesNotContain("bottom").doesNotContain("my pass");
    }

    @Test
    void passwordIsNfcNormalisedLikePolkadotJs() {
        String nfc = "p\u00e4ssw\u00f6rd";
        String nfd = "pa\u0308sswo\u0308rd";
        assertThat(Sr25519KeyPair.fromUri(DEV + "///" + nfd).publicKey())
                .isEqualTo(Sr25519KeyPair.fromUri(DEV + "///" + nfc).publicKey())
                .isEqualTo(Sr25519KeyPair.fromMnemonic(DEV, nfc).publicKey());
    }

    @Test
    void hexSeedIsTheMiniSecret() {
        SecretUri u = SecretUri.parse(SEED + "//Alice");
        assertThat(u.isHexSeed()).isTrue();
        assertThat(u.keyPair().ss58()).isEqualTo("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        assertThat(Sr25519KeyPair.fromUri(SEED).publicKey()).isEqualTo(Sr25519KeyPair.fromUri(DEV).publicKey());
        assertThat(u.toString()).doesNotContain("fac7");
    }

    @Test
    void rejectsMalformedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> SecretUri.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SecretUri.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretUri.parse("///password")).hasMessageContaining("no phrase");
        assertThatThrownBy(() -> SecretUri.parse("0x1234//Alice")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> SecretUri.parse(SEED + "///pw")).hasMessageContaining("password cannot be used");
        assertThatThrownBy(() -> SecretUri.parse("bottom drive obey//Alice")).hasMessageContaining("got 3 word");
        assertThatThrownBy(() -> SecretUri.parse(DEV.replace(" ", "  ")))
                .hasMessageContaining("malformed").hasMessageNotContaining("bottom");
        assertThatThrownBy(() -> SecretUri.parse(DEV + "//Alice//")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("bottom");
        String typo = DEV.replace("lake", "laek");
        assertThatThrownBy(() -> Sr25519KeyPair.fromUri(typo + "//x")).hasMessageContaining("word 4")
                .hasMessageNotContaining("laek");
    }
}
