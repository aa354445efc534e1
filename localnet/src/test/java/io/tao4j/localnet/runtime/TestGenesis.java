package io.tao4j.localnet.runtime;

/** Accounts and a validator-plus-miner subnet at genesis, as the runtime tests set them up. */
public final class TestGenesis {
    public static final long TAO = 1_000_000_000L;

    private TestGenesis() {
    }

    /** A test account: byte 0 is {@code n}, byte 31 is {@code tag} (a test class's own mark), the rest zero. */
    public static AccountId id(int n, int tag) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        b[31] = (byte) tag;
        return new AccountId(b);
    }

    /**
     * Creates subnet {@code p}, registers the validator's hotkey (UID 1) and the miner's (UID 2), stakes
     * {@code validatorStake} from the validator's coldkey and gives out validator permits.
     */
    public static void validatorAndMiner(SubtensorRuntime rt, Subnet.Params p, AccountId validatorCold, AccountId validatorHot,
                                         AccountId minerCold, AccountId minerHot, long validatorStake) {
        rt.createSubnet(p);
        rt.registerAtGenesis(p.netuid(), validatorCold, validatorHot);
        rt.registerAtGenesis(p.netuid(), minerCold, minerHot);
        rt.stakeAtGenesis(validatorCold, validatorHot, p.netuid(), validatorStake);
        rt.refreshPermits();
    }
}
