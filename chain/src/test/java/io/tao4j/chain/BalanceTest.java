package io.tao4j.chain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BalanceTest {

    @Test
    void parsesWholeUnitsExactlyToRao() {
        assertThat(Balance.parse("1", 0).rao()).isEqualTo(BigInteger.valueOf(1_000_000_000L));
        assertThat(Balance.parse("0.000000001", 0).rao()).isEqualTo(BigInteger.ONE);
        assertThat(Balance.parse(".5", 0).rao()).isEqualTo(BigInteger.valueOf(500_000_000L));
        assertThat(Balance.parse("1,000.25", 0).rao()).isEqualTo(BigInteger.valueOf(1_000_250_000_000L));
        assertThat(Balance.parse("τ2", 0).rao()).isEqualTo(BigInteger.valueOf(2_000_000_000L));
        assertThat(Balance.parse("α 0.1", 1)).isEqualTo(Balance.ofAlphaRao(100_000_000L, 1));
        // 0.1 + 0.2 is exact in rao, unlike in floating point
        assertThat(Balance.parse("0.1", 0).plus(Balance.parse("0.2", 0))).isEqualTo(Balance.parse("0.3", 0));
        assertThat(Balance.parse("1.5000000000", 0).rao()).isEqualTo(BigInteger.valueOf(1_500_000_000L));
    }

    @Test
    void refusesWhatIsNotAnAmountWithTheReason() {
        assertThatThrownBy(() -> Balance.parse("1.0000000001", 0)).hasMessageContaining("more than 9 decimals");
        assertThatThrownBy(() -> Balance.parse("-1", 0)).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> Balance.parse("1e3", 0)).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> Balance.parse("", 0)).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> Balance.parse(".", 0)).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> Balance.parse("18446744074", 0)).hasMessageContaining("larger than any amount");
    }

    @Test
    void staysInsideTheU64RangeAndItsUnit() {
        Balance max = Balance.ofRao(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        assertThatThrownBy(() -> max.plus(Balance.ofRao(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Balance.ofRao(1).minus(Balance.ofRao(2))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Balance.ofRao(1).plus(Balance.ofAlphaRao(1, 3)))
                .hasMessageContaining("different units");
        assertThat(Balance.ofRao(5).min(Balance.ofRao(3))).isEqualTo(Balance.ofRao(3));
        assertThat(Balance.ofRao(5).withNetuid(2).netuid()).isEqualTo(2);
    }

    @Test
    void printsLikeTheSdkAndFormatsLikeATable() {
        assertThat(Balance.parse("1.5", 0)).hasToString("τ1.500000000");
        assertThat(Balance.ofAlphaRao(1, 1)).hasToString("α0.000000001");
        assertThat(Balance.ofAlphaRao(1, 123).unit()).isEqualTo(Balance.unit(123));
        assertThat(Balance.parse("1234.56789", 0).format(4)).isEqualTo("τ1,234.5679");
        assertThat(Balance.ofTao(new BigDecimal("2.25")).tao()).isEqualByComparingTo("2.25");
        assertThat(Balance.parse("3", 0).toDouble()).isEqualTo(3.0);
    }

    @Test
    void unitsFollowBtcliTable() {
        // btcli UNITS: 0 Τ, 1 α, 2 β, 19 't', 438 the last; past the table it spells netuid in base 439
        assertThat(Balance.unit(0)).isEqualTo("Τ");
        assertThat(Balance.unit(1)).isEqualTo("α");
        assertThat(Balance.unit(2)).isEqualTo("β");
        assertThat(Balance.unit(19)).isEqualTo("t");
        assertThat(Balance.unit(438)).isEqualTo("ධ");
        assertThat(Balance.unit(439)).isEqualTo("α" + "Τ");
        assertThat(Balance.unit(440)).isEqualTo("αα");
    }
}
